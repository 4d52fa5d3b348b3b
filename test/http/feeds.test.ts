import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

describe('a feed served over HTTP', () => {
  let service: RunningService;
  let build: TempBuild;
  before(async () => ({ service, build } = await startTestService()));
  after(async () => {
    await service.close();
    build.remove();
  });

  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    request(service.url, path, { headers, method });

  it('has its media type, a strong ETag, Last-Modified and the caching headers', async () => {
    const types = {
      '/feeds/rss.xml': 'application/rss+xml',
      '/feeds/atom.xml': 'application/atom+xml',
      '/feeds/feed.json': 'application/feed+json',
      '/feeds/index.opml': 'text/x-opml',
    };
    for (const [path, type] of Object.entries(types)) {
      const reply = await get(path);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers['content-type'], `${type}; charset=utf-8`);
      assert.match(reply.headers.etag!, /^"[0-9a-f]{32}"$/);
      assert.equal(
        reply.headers['cache-control'],
        'public, max-age=300, stale-while-revalidate=600, stale-if-error=86400',
      );
      // RSS and Atom are sent to a browser opening them as XML (docs/feeds.md): caches keep the two apart.
      const vary = path.endsWith('.xml') ? 'Accept-Encoding, Sec-Fetch-Dest' : 'Accept-Encoding';
      assert.equal(reply.headers.vary, vary, path);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff');
      assert.equal(reply.headers['access-control-allow-origin'], '*');
      assert.equal(reply.headers['content-length'], String(reply.body.length));
    }
    const rss = await get('/feeds/rss.xml');
    assert.equal(rss.headers['last-modified'], 'Thu, 26 Nov 2026 05:00:00 GMT');
    assert.deepEqual(rss.body, readFileSync(join(build.out, 'rss.xml')));
  });

  it('has the same ETag on another instance that built the same content', async () => {
    const other = await startTestService();
    try {
      const [mine, theirs] = await Promise.all([get('/feeds/atom.xml'), request(other.service.url, '/feeds/atom.xml')]);
      assert.equal(mine.headers.etag, theirs.headers.etag);
      assert.equal(mine.headers['last-modified'], theirs.headers['last-modified']);
    } finally {
      await other.service.close();
      other.build.remove();
    }
  });

  describe('asked conditionally', () => {
    let etag: string;
    let lastModified: string;
    before(async () => {
      const reply = await get('/feeds/rss.xml');
      etag = reply.headers.etag!;
      lastModified = reply.headers['last-modified']!;
    });
    const tagOf = (quoted: string) => quoted.slice(1, -1);

    const notModified = {
      'its own ETag': () => ({ 'If-None-Match': etag }),
      'its ETag made weak by a proxy': () => ({ 'If-None-Match': `W/${etag}` }),
      'a list holding its ETag': () => ({ 'If-None-Match': `"nope", ${etag} ,"other"` }),
      '*': () => ({ 'If-None-Match': '*' }),
      'the ETag of its gzip variant': () => ({ 'If-None-Match': `"${tagOf(etag)}-gzip"` }),
      'If-Modified-Since equal to Last-Modified': () => ({ 'If-Modified-Since': lastModified }),
      'If-Modified-Since after Last-Modified': () => ({ 'If-Modified-Since': 'Thu, 26 Nov 2026 11:00:00 GMT' }),
    };
    for (const [name, headers] of Object.entries(notModified)) {
      it(`answers 304 with ETag, Cache-Control and Vary and no body for ${name}`, async () => {
        const reply = await get('/feeds/rss.xml', headers());
        assert.equal(reply.status, 304);
        assert.equal(reply.body.length, 0);
        assert.ok(reply.headers.etag);
        assert.equal(reply.headers.vary, 'Accept-Encoding, Sec-Fetch-Dest');
        assert.match(reply.headers['cache-control']!, /^public, max-age=/);
      });
    }

    const modified = {
      'another ETag': () => ({ 'If-None-Match': '"0123456789abcdef0123456789abcdef"' }),
      'another ETag, even with a current If-Modified-Since': () => ({
        'If-None-Match': '"other"',
        'If-Modified-Since': lastModified,
      }),
      'an If-Modified-Since before Last-Modified': () => ({ 'If-Modified-Since': 'Wed, 25 Nov 2026 00:00:00 GMT' }),
      'an If-Modified-Since that is no date': () => ({ 'If-Modified-Since': 'yesterday' }),
      'an unquoted ETag': () => ({ 'If-None-Match': tagOf(etag) }),
    };
    for (const [name, headers] of Object.entries(modified)) {
      it(`answers 200 with the feed for ${name}`, async () => {
        const reply = await get('/feeds/rss.xml', headers());
        assert.equal(reply.status, 200);
        assert.ok(reply.body.length > 0);
      });
    }

    it('answers the gzip variant with its own ETag, and 304 to it', async () => {
      const reply = await get('/feeds/rss.xml', { 'Accept-Encoding': 'gzip' });
      assert.equal(reply.headers.etag, `"${tagOf(etag)}-gzip"`);
      const again = await get('/feeds/rss.xml', { 'Accept-Encoding': 'gzip', 'If-None-Match': reply.headers.etag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.etag, reply.headers.etag);
    });
  });

  describe('compressed', () => {
    const cases: Array<[string, string | undefined]> = [
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'gzip'],
      ['gzip;q=1.0, br;q=0.5', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['*', 'gzip'],
      ['br', undefined],
      ['br, gzip;q=0.5', 'gzip'],
      ['identity', undefined],
      ['deflate', undefined],
    ];
    for (const [accept, encoding] of cases) {
      it(`sends ${encoding ?? 'no encoding'} for Accept-Encoding: ${accept}, with the right Content-Length`, async () => {
        const plain = await get('/feeds/atom.xml');
        const reply = await get('/feeds/atom.xml', { 'Accept-Encoding': accept });
        assert.equal(reply.headers['content-encoding'], encoding);
        assert.equal(reply.headers['content-length'], String(reply.body.length));
        const decoded = encoding === 'gzip' ? gunzipSync(reply.body) : reply.body;
        assert.deepEqual(decoded, plain.body);
      });
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const full = await get('/feeds/feed.json', { 'Accept-Encoding': 'gzip' });
    const head = await get('/feeds/feed.json', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], full.headers['content-length']);
    assert.equal(head.headers.etag, full.headers.etag);
  });

  it('serves a feed asked for with a query string, as feed readers sometimes do', async () => {
    const reply = await get('/feeds/rss.xml?cachebust=1');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/rss+xml; charset=utf-8');
  });

  it('serves a category feed whose slug is not ASCII, however it is percent-encoded', async () => {
    const encoded = `/feeds/categories/${encodeURIComponent('umlaut-große')}/rss.xml`;
    assert.equal((await get(encoded)).status, 200);
    assert.equal((await get(encoded.toLowerCase())).status, 200);
    assert.equal((await get(encoded + '?via=express')).status, 200);
  });

  it('serves no feed at an address whose slashes are percent-encoded: that is another resource', async () => {
    const addresses = [
      '/feeds/categories%2fworld%2frss.xml',
      '/feeds/categories%2Fworld%2Frss.xml',
      '/feeds/categories/world%2frss.xml',
      '/feeds%2fcategories/world/rss.xml',
      `/feeds/categories%2F${encodeURIComponent('umlaut-große')}/rss.xml`,
    ];
    assert.equal((await get('/feeds/categories/world/rss.xml')).status, 200);
    for (const address of addresses) {
      assert.equal((await get(address)).status, 404, address);
      assert.equal((await get(address + '?via=express')).status, 404, `${address} via Express`);
    }
  });
});
