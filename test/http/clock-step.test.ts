import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startClockedService, startTestService, testClock } from '../helpers/service.js';

const FEEDS = ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/categories/world/feed.json', '/feeds/index.opml'];
/** Appended to a feed's URL, it sends the request through Express instead of the fast path. */
const VIA_EXPRESS = '?via=express';

describe('a server restarted under a clock stepped back from the one its feeds were built under', () => {
  let build: TempBuild;
  before(async () => {
    build = new TempBuild();
    // A year ahead: the embargoed summit is out, so the feeds' Last-Modified is its date, in June 2027.
    await build.build(GOLDEN_NOW + 365 * 24 * 3600 * 1000);
  });
  after(() => build.remove());

  it('never sends a Last-Modified later than its Date, on either path, whether 200 or 304', async () => {
    const { service } = await startTestService(build, GOLDEN_NOW);
    try {
      for (const path of FEEDS) {
        for (const url of [path, path + VIA_EXPRESS]) {
          const reply = await request(service.url, url);
          assert.equal(reply.status, 200, url);
          assert.equal(reply.headers.date, 'Thu, 26 Nov 2026 12:00:00 GMT', url);
          assert.equal(reply.headers['last-modified'], reply.headers.date, url);
          const again = await request(service.url, url, { headers: { 'If-None-Match': reply.headers.etag! } });
          assert.equal(again.status, 304, url);
          assert.equal(again.headers['last-modified'], again.headers.date, url);
        }
      }
    } finally {
      await service.close();
    }
  });

  it('compares If-Modified-Since with the Last-Modified it sends', async () => {
    const { service } = await startTestService(build, GOLDEN_NOW);
    try {
      const reply = await request(service.url, '/feeds/rss.xml');
      const since = { 'If-Modified-Since': reply.headers['last-modified']! };
      assert.equal((await request(service.url, '/feeds/rss.xml', { headers: since })).status, 304);
      const earlier = { 'If-Modified-Since': 'Thu, 26 Nov 2026 11:59:59 GMT' };
      assert.equal((await request(service.url, '/feeds/rss.xml', { headers: earlier })).status, 200);
    } finally {
      await service.close();
    }
  });

  it('sends the stored Last-Modified again once the clock has passed it', async () => {
    const clock = testClock(GOLDEN_NOW);
    const { service } = await startClockedService(build, clock);
    try {
      const stepped = await request(service.url, '/feeds/rss.xml');
      assert.equal(stepped.headers['last-modified'], stepped.headers.date);
      clock.set(Date.parse('2027-12-01T00:00:00Z'));
      const reply = await request(service.url, '/feeds/rss.xml');
      assert.equal(reply.headers.date, 'Wed, 01 Dec 2027 00:00:00 GMT');
      assert.equal(reply.headers['last-modified'], storedLastModified(build, 'rss.xml'));
      assert.ok(Date.parse(reply.headers['last-modified']) > GOLDEN_NOW);
    } finally {
      await service.close();
    }
  });
});

/** A file's Last-Modified as the manifest in the feeds folder records it, in the form HTTP sends it. */
function storedLastModified(build: TempBuild, path: string): string {
  const manifest = JSON.parse(readFileSync(join(build.out, 'manifest.json'), 'utf8')) as {
    files: Record<string, { lastModified: string }>;
  };
  return new Date(manifest.files[path]!.lastModified).toUTCString();
}
