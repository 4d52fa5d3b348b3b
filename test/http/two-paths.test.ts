import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { fastPathFeed } from '../../src/http/server.js';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

const FEEDS = [
  '/feeds/rss.xml',
  '/feeds/atom.xml',
  '/feeds/feed.json',
  '/feeds/index.opml',
  `/feeds/categories/${encodeURIComponent('umlaut-große')}/rss.xml`,
];
/** Appended to a feed's URL, it sends the request through Express instead of the fast path. */
const VIA_EXPRESS = '?via=express';
const ENCODINGS = ['identity', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

function withoutDate(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date, ...rest } = headers;
  assert.ok(date, 'no Date header');
  return rest;
}

describe('one server, two paths to a public feed', () => {
  let service: RunningService;
  let build: TempBuild;
  before(async () => ({ service, build } = await startTestService()));
  after(async () => {
    await service.close();
    build.remove();
  });

  it('answers a plain GET or HEAD of a feed on the fast path, and sends anything else to Express', () => {
    const routed = (method: string, url: string) => fastPathFeed(service.state.store, { method, url }) !== undefined;
    for (const path of FEEDS) {
      assert.ok(routed('GET', path), path);
      assert.ok(routed('HEAD', path), path);
      assert.ok(!routed('GET', path + VIA_EXPRESS), path);
      assert.ok(!routed('OPTIONS', path), path);
    }
    assert.ok(!routed('GET', '/feeds/manifest.json'));
    assert.ok(!routed('GET', '/healthz'));
  });

  /** The request's headers: Accept-Encoding for the encoding and, for a 304, the ETag of that variant. */
  async function headersFor(path: string, encoding: Encoding, status: number): Promise<Record<string, string>> {
    const headers: Record<string, string> = encoding === 'identity' ? {} : { 'Accept-Encoding': encoding };
    if (status === 304) headers['If-None-Match'] = (await request(service.url, path, { headers })).headers.etag!;
    return headers;
  }

  for (const encoding of ENCODINGS) {
    for (const method of ['GET', 'HEAD']) {
      for (const status of [200, 304]) {
        const name = `sends the same ${status} to a ${method} for ${encoding} on either path, every header but Date`;
        it(name, async () => {
          for (const path of FEEDS) {
            const headers = await headersFor(path, encoding, status);
            const fast = await request(service.url, path, { method, headers });
            const viaExpress = await request(service.url, path + VIA_EXPRESS, { method, headers });
            assert.equal(fast.status, status, path);
            const coding = status === 200 && encoding !== 'identity' ? encoding : undefined;
            assert.equal(fast.headers['content-encoding'], coding, path);
            assert.equal(fast.body.length > 0, method === 'GET' && status === 200, path);
            assert.equal(viaExpress.status, fast.status, path);
            assert.deepEqual(withoutDate(viaExpress.headers), withoutDate(fast.headers), path);
            assert.deepEqual(viaExpress.body, fast.body, path);
          }
        });
      }
    }
  }
});
