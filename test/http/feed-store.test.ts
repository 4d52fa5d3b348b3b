import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { FeedStore } from '../../src/http/feed-store.js';
import { hashOf, type OutputFile } from '../../src/publish/output.js';

const POLICY = { maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 };
const BODY = Buffer.from('<rss version="2.0"><channel><title>Feed</title></channel></rss>\n');
const FILE: OutputFile = {
  path: 'rss.xml',
  type: 'application/rss+xml; charset=utf-8',
  body: BODY,
  hash: hashOf(BODY),
  gzip: gzipSync(BODY),
  lastModified: Date.parse('2026-11-26T05:00:00Z'),
};
const LINK = '<https://news.example/hub>; rel="hub", <https://news.example/feeds/rss.xml>; rel="self"';

describe('the feeds a server holds', () => {
  it("take a feed's new Link header, and say the feed changed, when its bytes and date are the same", () => {
    const store = new FeedStore(POLICY);
    store.replace([FILE]);
    // A folder an older version published, with no Link in its manifest, then the first build of this version.
    assert.deepEqual(store.replace([{ ...FILE, link: LINK }]), ['/feeds/rss.xml']);
    const feed = store.get('/feeds/rss.xml');
    assert.ok(feed);
    const { ok } = feed.variants.gzip;
    assert.equal(ok[ok.indexOf('Link') + 1], LINK);
  });
});
