import assert from 'node:assert/strict';
import { redactKeys } from '../../src/http/redact.js';
import { newKey, parseKey } from '../../src/partners/keys.js';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import type { RecordingLogger } from '../helpers/log.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { issueKeys, partnersCommand, pullFrom } from '../partners/helpers.js';

describe('a partner pulling its feeds', () => {
  let service: RunningService;
  let build: TempBuild;
  let log: RecordingLogger;
  let keys: Record<string, string>;
  before(async () => {
    build = partnerContent();
    keys = await issueKeys(build, ['full', 'msn', 'google']);
    ({ service, log } = await startTestService(build));
  });
  after(async () => {
    await service.close();
    build.remove();
  });
  const get = (path: string, headers: Record<string, string> = {}) => request(service.url, path, { headers });
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
  const basic = (user: string, password: string) => ({
    Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  });
  const token = (key: string) => ({ 'X-Feed-Token': key });
  const wrongKey = () => newKey().key;
  const BEARER = 'Bearer realm="courier partners"';
  const BASIC = 'Basic realm="courier partners", charset="UTF-8"';
  const EITHER = `${BASIC}, ${BEARER}`;

  const matrix: Array<[string, () => [string, Record<string, string>], number, string?]> = [
    ['its key in the URL', () => [`/partners/${keys.full}/rss.xml`, {}], 200],
    ['its key in an Authorization header', () => ['/partners/full/rss.xml', bearer(keys.full!)], 200],
    ['its key in both forms', () => [`/partners/${keys.full}/atom.xml`, bearer(keys.full!)], 200],
    ['no key on the header form', () => ['/partners/full/rss.xml', {}], 401, EITHER],
    [
      'its key as the Basic password, its id as user name',
      () => ['/partners/full/rss.xml', basic('full', keys.full!)],
      200,
    ],
    [
      'its key as the Basic password, any user name',
      () => ['/partners/full/atom.xml', basic('ingest', keys.full!)],
      200,
    ],
    ['its key as the Basic password, no user name', () => ['/partners/full/feed.json', basic('', keys.full!)], 200],
    [
      'its key as the Basic user name, no password',
      () => ['/partners/full/rss.xml', basic(keys.full!, '')],
      401,
      BASIC,
    ],
    ['a wrong key as the Basic password', () => ['/partners/full/rss.xml', basic('full', wrongKey())], 401, BASIC],
    ["another partner's key as the Basic password", () => ['/partners/full/rss.xml', basic('full', keys.msn!)], 403],
    [
      'Basic credentials that are not base64',
      () => ['/partners/full/rss.xml', { Authorization: 'Basic !!' }],
      401,
      BASIC,
    ],
    ['its key in its own token header', () => ['/partners/google/rss.xml', token(keys.google!)], 200],
    ['a wrong key in its token header', () => ['/partners/google/rss.xml', token(wrongKey())], 401, EITHER],
    [
      'a key in a token header the partner has not configured',
      () => ['/partners/full/rss.xml', token(keys.full!)],
      401,
      EITHER,
    ],
    ["another partner's key in its token header", () => ['/partners/google/rss.xml', token(keys.full!)], 403],
    [
      "its key in the URL, another partner's in its token header",
      () => [`/partners/${keys.google}/rss.xml`, token(keys.full!)],
      403,
    ],
    [
      'its key in the URL and in its token header',
      () => [`/partners/${keys.google}/rss.xml`, token(keys.google!)],
      200,
    ],
    [
      'an Authorization scheme it does not know',
      () => ['/partners/full/rss.xml', { Authorization: 'Token abc' }],
      401,
      EITHER,
    ],
    ['no key, for a partner that does not exist', () => ['/partners/nobody/rss.xml', {}], 404],
    ['a wrong key in the URL', () => [`/partners/${wrongKey()}/rss.xml`, {}], 404],
    ['a wrong key in the header', () => ['/partners/full/rss.xml', bearer(wrongKey())], 401],
    [
      'a malformed Authorization header',
      () => ['/partners/full/rss.xml', { Authorization: `Basic ${keys.full}` }],
      401,
      BASIC,
    ],
    ["another partner's key in the header", () => ['/partners/full/rss.xml', bearer(keys.msn!)], 403],
    [
      "its key in the URL, another partner's in the header",
      () => [`/partners/${keys.full}/rss.xml`, bearer(keys.msn!)],
      403,
    ],
    ['its key in a query string', () => [`/partners/full/rss.xml?key=${keys.full}`, {}], 400],
    [
      'its key in a query string next to a good header',
      () => [`/partners/full/rss.xml?access_token=${keys.full}`, bearer(keys.full!)],
      400,
    ],
    ['a feed it does not have', () => [`/partners/${keys.msn}/categories/culture/rss.xml`, {}], 404],
    [
      'a category feed whose slug is not ASCII, percent-encoded',
      () => [`/partners/${keys.full}/categories/${encodeURIComponent('umlaut-große')}/rss.xml`, {}],
      200,
    ],
    [
      'a path that is not valid percent-encoding',
      () => [`/partners/${keys.full}/categories/%E0%A4%A/rss.xml`, {}],
      400,
    ],
  ];
  for (const [name, make, status, challenge = BEARER] of matrix) {
    it(`answers ${status} to ${name}`, async () => {
      const [path, headers] = make();
      const reply = await get(path, headers);
      assert.equal(reply.status, status, reply.body.toString());
      if (status === 401) assert.equal(reply.headers['www-authenticate'], challenge);
      for (const key of Object.values(keys)) assert.ok(!reply.body.toString().includes(key), 'a key in a response');
    });
  }

  it("varies by the partner's token header too, where it has one", async () => {
    const reply = await get('/partners/google/rss.xml', token(keys.google!));
    assert.equal(reply.headers.vary, 'Authorization, X-Feed-Token, Accept-Encoding');
  });

  it('answers privately, varying by Authorization, with a strong ETag and 304s', async () => {
    const reply = await get('/partners/msn/rss.xml', bearer(keys.msn!));
    assert.equal(reply.headers['cache-control'], 'private, max-age=300');
    assert.equal(reply.headers.vary, 'Authorization, Accept-Encoding');
    assert.match(reply.headers.etag!, /^"[0-9a-f]{32}"$/);
    assert.equal(reply.headers['access-control-allow-origin'], undefined);
    const again = await get('/partners/msn/rss.xml', { ...bearer(keys.msn!), 'If-None-Match': reply.headers.etag! });
    assert.equal(again.status, 304);
    const byUrl = await get(`/partners/${keys.msn}/rss.xml`, { 'If-Modified-Since': reply.headers['last-modified']! });
    assert.equal(byUrl.status, 304);
    assert.match(
      reply.body.toString(),
      /<atom:link href="https:\/\/news\.test\.example\/partners\/msn\/rss\.xml" rel="self"/,
    );
  });

  it('logs each pull with the partner and the key redacted, and never a key', async () => {
    await get(`/partners/${keys.full}/feed.json`);
    const pulls = log.entries.filter((entry) => entry.fields.partner === 'full');
    const path = /^\/partners\/crk_[a-z0-9]{10}_…\/feed\.json$/;
    const pull = pulls.find((entry) => path.test(String(entry.fields.path)) && entry.fields.status === 200);
    assert.ok(pull, log.text());
    assert.equal(pull.fields.conditional, false);
    assert.match(pull.msg, /^partner full pull \/partners\/crk_[a-z0-9]{10}_…\/feed\.json 200$/);
    const logged = JSON.stringify(log.entries);
    for (const key of Object.values(keys)) assert.ok(!logged.includes(key.slice(15)), 'a secret in the log');
  });

  it('answers a wrong key the same whether or not its prefix exists, after one scrypt either way', async () => {
    const { guard } = service.state.partners;
    const knownPrefix = `crk_${parseKey(keys.full!)!.prefix}_${'A'.repeat(43)}`;
    const unknownPrefix = newKey().key;
    // From a client of its own, so that the wrong keys of the other tests do not add up to a wait.
    const from = '127.0.0.3';
    for (const wrong of [knownPrefix, unknownPrefix]) {
      const hashed = guard.hashes;
      assert.equal((await pullFrom(service.url, `/partners/${wrong}/rss.xml`, from)).status, 404);
      const header = await pullFrom(service.url, '/partners/full/rss.xml', from, bearer(wrong));
      assert.equal(header.status, 401);
      assert.equal(header.headers['www-authenticate'], 'Bearer realm="courier partners"');
      const nobody = await pullFrom(service.url, '/partners/nobody/rss.xml', from, bearer(wrong));
      assert.equal(nobody.status, 401, 'the header form answers 401 for an id that does not exist too');
      assert.equal((await pullFrom(service.url, '/partners/full/rss.xml', from, basic('full', wrong))).status, 401);
      assert.equal((await pullFrom(service.url, '/partners/google/rss.xml', from, token(wrong))).status, 401);
      assert.equal(
        guard.hashes,
        hashed + 5,
        `one scrypt for each of the five, ${wrong === unknownPrefix ? 'un' : ''}known prefix`,
      );
    }
  });

  it('stops accepting a key that `courier partners revoke` took away, from the next build on', async () => {
    const revoked = await partnersCommand(build, 'revoke', 'msn', parseKey(keys.msn!)!.prefix);
    assert.equal(revoked.status, 0, revoked.stderr);
    await service.rebuild();
    assert.equal((await get(`/partners/${keys.msn}/rss.xml`)).status, 404);
    assert.equal((await get('/partners/msn/rss.xml', bearer(keys.msn!))).status, 401);
    assert.equal((await get(`/partners/${keys.full}/rss.xml`)).status, 200);
  });
});

describe('partners polling too often', () => {
  it('get 429 with Retry-After, and a partner polling conditionally is not the one throttled', async () => {
    const build = partnerContent();
    const keys = await issueKeys(build, ['full', 'flip']);
    const { service } = await startTestService(build, undefined, { COURIER_PARTNER_RATE_LIMIT: '3' });
    try {
      const pull = (key: string, headers: Record<string, string> = {}) =>
        request(service.url, `/partners/${key}/rss.xml`, { headers });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await pull(keys.full!)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const throttled = await pull(keys.full!);
      assert.ok(Number(throttled.headers['retry-after']) >= 1);
      const { etag } = (await pull(keys.flip!)).headers;
      const conditional: number[] = [];
      for (let i = 0; i < 10; i += 1) conditional.push((await pull(keys.flip!, { 'If-None-Match': etag! })).status);
      assert.deepEqual(conditional, Array(10).fill(304));
    } finally {
      await service.close();
      build.remove();
    }
  });
});

/** Every character of a text percent-encoded, in upper- or lower-case hex. */
const encodeAll = (text: string, hex: 'upper' | 'lower' = 'upper') =>
  Array.from(Buffer.from(text), (byte) => `%${byte.toString(16).padStart(2, '0')}`)
    .join('')
    [hex === 'upper' ? 'toUpperCase' : 'toLowerCase']();

/** A text decoded until it no longer changes: what a key in it would be, however often it was encoded. */
function decodedFully(text: string): string {
  let decoded = text;
  for (let round = 0; round < 10; round += 1) {
    const next = decoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === decoded) break;
    decoded = next;
  }
  return decoded;
}

describe('partner keys in the logs', () => {
  const { key, prefix } = newKey();
  const secret = key.slice(15);
  const spellings: Array<[string, string]> = [
    ['as it is', key],
    ['with %5F for the underscore', `crk_${prefix}%5F${secret}`],
    ['with %5f for the underscore', `crk_${prefix}%5f${secret}`],
    ['every character encoded', encodeAll(key)],
    ['every character encoded, lower-case hex', encodeAll(key, 'lower')],
    ['encoded twice', `crk_${prefix}%255F${secret}`],
    ['encoded three times over, c first', `%252563rk_${prefix}_${secret}`],
    ['the secret encoded, the rest not', `crk_${prefix}_${encodeAll(secret)}`],
  ];

  it('are redacted in every spelling, and other text is left as sent', () => {
    for (const [name, spelled] of spellings) {
      const line = redactKeys(`GET /partners/${spelled}/rss.xml?x=%41 200`);
      assert.equal(line, `GET /partners/crk_${prefix}_…/rss.xml?x=%41 200`, name);
    }
    assert.equal(
      redactKeys('GET /feeds/categories/gro%C3%9Fe/rss.xml 200'),
      'GET /feeds/categories/gro%C3%9Fe/rss.xml 200',
    );
    assert.equal(redactKeys(`CRK_${prefix}_${secret}`), `crk_${prefix}_…`, 'any case of crk');
    assert.equal(redactKeys(`GET /😀/${encodeAll(key)} 😀`), `GET /😀/crk_${prefix}_… 😀`, 'after any character');
  });

  it('are never in the access log of a real server, however the key in a request is spelled', async () => {
    const build = partnerContent();
    const { service, log } = await startTestService(build, undefined, { COURIER_ACCESS_LOG: '1' });
    try {
      for (const [, spelled] of spellings) {
        await request(service.url, `/partners/${spelled}/rss.xml`);
        await request(service.url, `/partners/full/rss.xml?key=${spelled}`);
        await request(service.url, '/partners/full/rss.xml', { headers: { Authorization: `Bearer ${spelled}` } });
      }
      const requests = spellings.length * 3;
      const access = () => log.requests().filter((entry) => String(entry.fields.path).startsWith('/partners/'));
      for (let waited = 0; access().length < requests && waited < 5000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(access().length, requests, log.text());
      for (const line of log.entries.map((entry) => JSON.stringify(entry))) {
        assert.ok(!decodedFully(line).includes(secret), `a secret in: ${line}`);
        assert.ok(!decodedFully(line).includes(secret.slice(0, 12)), `part of a secret in: ${line}`);
      }
      const redacted = access().filter((entry) => JSON.stringify(entry).includes(`crk_${prefix}_…`));
      assert.equal(redacted.length, spellings.length * 2, 'each key in a path or a query shows as its prefix');
    } finally {
      await service.close();
      build.remove();
    }
  });
});
