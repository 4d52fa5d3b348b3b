import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../src/config/read-config.js';
import { startService } from '../../src/service/service.js';
import type { RunningService } from '../../src/service/service-types.js';
import { readSharedPulls } from '../../src/service/shared-pulls.js';
import { request, type Reply } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { partnerContent } from '../helpers/partners.js';
import { eventually, issueKeys } from '../partners/helpers.js';
import { courier } from '../cli/courier.js';
import { freePort, startRedis, startVarnish, type Child } from './processes.js';

const FEED = '/feeds/rss.xml';
const GZIP = { 'Accept-Encoding': 'gzip' };
/** The headers that make a feed's answer: every instance, and the cache, must send the same. */
const SAME = ['etag', 'last-modified', 'cache-control', 'content-type', 'content-encoding', 'vary', 'content-length'];
const PULLS_PER_MINUTE = 4;

/**
 * The scale-out proof (issue 12): two instances over the same content, each with its own feeds and state folders
 * (the second started later, with no history), a real varnishd in front with deploy/varnish/courier.vcl, and a
 * real redis-server holding what they share, all on 127.0.0.1 and started and stopped here.
 */
describe('two instances behind Varnish, sharing Redis', function () {
  this.timeout(60_000);
  const build = partnerContent();
  const root = build.root;
  let keys: Record<string, string>;
  let ports: { redis: number; varnish: number; a: number; b: number };
  let redis: Child | undefined;
  let varnish: Child | undefined;
  const instances: Record<'a' | 'b', RunningService | undefined> = { a: undefined, b: undefined };

  const start = async (name: 'a' | 'b') => {
    const env = {
      HOST: '127.0.0.1',
      PORT: String(ports[name]),
      COURIER_REDIS_URL: redisUrl(),
      COURIER_PURGE_URLS: `http://127.0.0.1:${ports.varnish}`,
      COURIER_TRUSTED_PROXIES: '127.0.0.1',
      COURIER_PARTNER_RATE_LIMIT: String(PULLS_PER_MINUTE),
      COURIER_STATS: '0',
    };
    const folders = { content: build.content, out: join(root, name, 'feeds'), state: join(root, name, 'state') };
    const { config, problems } = readConfig(env, folders);
    if (!config) throw new Error(problems.join('\n'));
    instances[name] = await startService(config, Date.now, new RecordingLogger(), { schedule: false });
    return instances[name];
  };
  const redisUrl = () => `redis://127.0.0.1:${ports.redis}`;
  const instance = (name: 'a' | 'b'): RunningService => {
    const service = instances[name];
    if (!service) throw new Error(`instance ${name} is not running`);
    return service;
  };
  const from = (name: 'a' | 'b' | 'varnish', path: string, headers: Record<string, string> = GZIP) =>
    request(`http://127.0.0.1:${ports[name]}/`, path, { headers });
  /** The scheduled build, run by hand on both instances. */
  const rebuildBoth = async () => {
    await Promise.all([instance('a').rebuild(), instance('b').rebuild()]);
    await Promise.all([instance('a').scale.purged, instance('b').scale.purged]);
  };

  before(async () => {
    keys = await issueKeys(build, ['full', 'msn']);
    ports = { redis: await freePort(), varnish: await freePort(), a: await freePort(), b: await freePort() };
    redis = await startRedis(ports.redis, join(root, 'redis'));
    varnish = await startVarnish(ports.varnish, [ports.a, ports.b], join(root, 'varnish'));
    await start('a');
    assert.ok(await eventually(async () => (await from('varnish', FEED)).status === 200, 10_000), varnish.output);
  });
  after(async () => {
    for (const service of Object.values(instances)) await service?.close();
    await Promise.all([varnish?.stop(), redis?.stop()]);
    build.remove();
  });

  it('sends the same headers and bytes from an instance started later with no history, and through Varnish', async () => {
    await start('b');
    await assertAgree();
    const again = await from('varnish', FEED);
    assert.equal(again.headers['x-cache'], 'HIT');
  });

  it('shows an article added through Varnish within seconds, purged, and answers 304s from the cache', async () => {
    const before = await from('varnish', FEED);
    const oldTag = String(before.headers.etag);
    assert.equal((await from('varnish', FEED, { ...GZIP, 'If-None-Match': oldTag })).status, 304);
    addArticle('scale-out-news', 'Scale-out news', new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000));
    await rebuildBoth();
    const after = await from('varnish', FEED);
    assert.notEqual(after.headers.etag, oldTag, 'the new article is through the cache at once, not after max-age');
    assert.match(String(after.headers.etag), /-gzip"$/);
    const stale = await from('varnish', FEED, { ...GZIP, 'If-None-Match': oldTag });
    assert.equal(stale.status, 200, 'a client holding the old ETag gets the new feed');
    const fresh = await from('varnish', FEED, { ...GZIP, 'If-None-Match': String(after.headers.etag) });
    assert.equal(fresh.status, 304);
    assert.equal(fresh.headers['x-cache'], 'HIT', 'the 304 comes from the cache, not an instance');
    await assertAgree();
  });

  it('sends the same headers and bytes after one instance restarts', async () => {
    await instance('a').close();
    instances.a = undefined;
    await start('a');
    await assertAgree();
  });

  it('counts partner pulls against one limit across both instances, and records them for every instance', async () => {
    const path = `/partners/${keys.full}/rss.xml`;
    const statuses: number[] = [];
    for (let pull = 0; pull < PULLS_PER_MINUTE + 2; pull++)
      statuses.push((await from(pull % 2 === 0 ? 'a' : 'b', path, {})).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    const pulls = await readSharedPulls(redisUrl());
    assert.ok(pulls?.full && Object.keys(pulls.full).length === 1, JSON.stringify(pulls));
    // From a machine with no record of its own: the pulls come from Redis.
    const folders = ['--content', build.content, '--state', join(root, 'elsewhere')];
    const run = await courier(['partners', 'list', ...folders], { COURIER_REDIS_URL: redisUrl() }, Date.now());
    const row = run.stdout.split('\n').find((line) => line.startsWith('full '));
    assert.ok(row && !row.endsWith('never'), run.stdout + run.stderr);
  });

  it('never stores a partner feed in Varnish, by its URL or with an Authorization header', async () => {
    for (const [path, headers] of [
      [`/partners/${keys.msn}/rss.xml`, {}],
      ['/partners/msn/rss.xml', { Authorization: `Bearer ${keys.msn}` }],
    ] as const) {
      const first = await from('varnish', path, headers);
      const second = await from('varnish', path, headers);
      assert.deepEqual([first.status, second.status], [200, 200]);
      assert.deepEqual([first.headers['x-cache'], second.headers['x-cache']], ['MISS', 'MISS']);
    }
    const feed = await from('varnish', FEED, { Authorization: 'Bearer anything' });
    assert.equal(feed.headers['x-cache'], 'MISS', 'a public feed asked with credentials is passed, not stored');
  });

  it('keeps serving feeds and partner pulls while Redis is down, says degraded, and recovers when it returns', async () => {
    await redis?.stop();
    const degraded = async () => {
      const [a, b] = await Promise.all([from('a', '/healthz', {}), from('b', '/healthz', {})]);
      return [a, b].every((reply) => (JSON.parse(reply.body.toString()) as { status: string }).status === 'degraded');
    };
    assert.ok(await eventually(degraded, 10_000), 'both instances say degraded');
    const reasons = instance('a').state.details(Date.now(), 900).reasons.join(' ');
    assert.match(reasons, /Redis/);
    for (const name of ['a', 'b', 'varnish'] as const) assert.equal((await from(name, FEED)).status, 200, name);
    assert.equal((await from('a', `/partners/${keys.msn}/rss.xml`, {})).status, 200, 'a partner still pulls');
    redis = await startRedis(ports.redis, join(root, 'redis'));
    const ok = async () => {
      const [a, b] = await Promise.all([from('a', '/healthz', {}), from('b', '/healthz', {})]);
      return [a, b].every((reply) => reply.status === 200);
    };
    assert.ok(await eventually(ok, 15_000), 'both instances recover');
    assert.equal((await from('b', `/partners/${keys.msn}/rss.xml`, {})).status, 200);
    const pulls = await readSharedPulls(redisUrl());
    assert.ok(pulls?.msn, 'pulls are recorded in Redis again');
  });

  /** Both instances and Varnish send the same answer for the site feed, in each encoding. */
  async function assertAgree(): Promise<void> {
    for (const encoding of ['gzip', 'br', 'identity']) {
      const headers = { 'Accept-Encoding': encoding };
      const replies = await Promise.all([
        from('a', FEED, headers),
        from('b', FEED, headers),
        from('varnish', FEED, headers),
      ]);
      const [a, ...others] = replies.map(answerOf);
      for (const other of others) assert.deepEqual(other, a, `the ${encoding} answers differ`);
    }
  }

  function answerOf(reply: Reply): Record<string, unknown> {
    const headers = Object.fromEntries(SAME.map((name) => [name, reply.headers[name]]));
    return { status: reply.status, headers, body: reply.body.toString('base64') };
  }

  function addArticle(slug: string, title: string, published: Date): void {
    const folder = join(build.content, 'articles', '2026', '11');
    mkdirSync(folder, { recursive: true });
    const text = `---\ntitle: "${title}"\npublished: "${published.toISOString()}"\ncategories: [World]\n---\n\nNews.\n`;
    writeFileSync(join(folder, `${slug}.md`), text);
  }
});
