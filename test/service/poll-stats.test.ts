import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODAY_FILE } from '../../src/observe/stats-file.js';
import type { RunningService } from '../../src/service/service-types.js';
import { courier } from '../cli/courier.js';
import { PYTHON, requireTool, runAsync } from '../conformance/tools.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startClockedService, testClock } from '../helpers/service.js';
import { pullFrom, stateDirOf } from '../partners/helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const FEEDLY = 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 1234 subscribers; feed-id=4f1a9c0e2b)';
const INOREADER = 'Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; 12 subscribers; )';
const NEWSBLUR =
  'NewsBlur Feed Fetcher - 5 subscribers - https://www.newsblur.com/site/6311785/courier (Mozilla/5.0 ' +
  '(Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Safari/605.1.15)';
const OLD_READER = 'Mozilla/5.0 (compatible; theoldreader.com; 4 subscribers; feed-id=0719795c4d27c784217b0bc0)';
const FEEDBIN = 'Feedbin feed-id:1306543 - 23 subscribers';
const MINIFLUX = 'Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)';
const NETNEWSWIRE = 'NetNewsWire (RSS Reader; https://netnewswire.com/)';

/** newsboat, the real reader, reloading one feed `times` times in a home of its own. */
async function newsboat(url: string, times: number): Promise<void> {
  requireTool('newsboat');
  const home = mkdtempSync(join(tmpdir(), 'courier-newsboat-'));
  try {
    writeFileSync(join(home, 'urls'), `${url}\n`);
    writeFileSync(join(home, 'config'), 'reload-threads 1\ndownload-retries 1\ndownload-timeout 10\n');
    for (let reload = 0; reload < times; reload += 1) {
      const args = ['-u', join(home, 'urls'), '-c', join(home, 'cache.db'), '-C', join(home, 'config'), '-x', 'reload'];
      const result = await runAsync('newsboat', args, { HOME: home });
      assert.equal(result.status, 0, `newsboat -x reload: ${result.stderr}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Python's feedparser, the real library, fetching a feed and then asking again with its ETag. */
async function feedparser(url: string): Promise<number> {
  const script = `import feedparser,sys
d = feedparser.parse(sys.argv[1])
print(feedparser.parse(sys.argv[1], etag=d.etag, modified=d.modified).status)`;
  const result = await runAsync(PYTHON, ['-c', script, url]);
  assert.equal(result.status, 0, result.stderr);
  return Number(result.stdout.trim());
}

describe('the poll statistics of a running service', () => {
  const clock = testClock(GOLDEN_NOW);
  let build: TempBuild;
  let service: RunningService;
  before(async () => {
    build = new TempBuild();
    ({ service } = await startClockedService(build, clock, { COURIER_METRICS_PORT: '0' }));
  });
  after(async () => {
    await service.close();
    build.remove();
  });

  /** A poll from an address of its own (127.0.0.x) with a User-Agent, conditional with `etag` when given. */
  const poll = (from: string, userAgent: string, path = '/feeds/rss.xml', etag?: string) =>
    pullFrom(service.url, path, from, {
      'User-Agent': userAgent,
      ...(etag !== undefined && { 'If-None-Match': etag }),
    });

  it('count who polls which feed, how often and how politely, and what aggregators report', async () => {
    const first = await poll('127.0.0.2', FEEDLY);
    const etag = String(first.headers.etag);
    for (let half = 1; half <= 2; half += 1) {
      clock.set(GOLDEN_NOW + half * 30 * MINUTE);
      assert.equal((await poll('127.0.0.2', FEEDLY, '/feeds/rss.xml', etag)).status, 304);
    }
    await poll('127.0.0.3', INOREADER);
    await poll('127.0.0.4', NEWSBLUR);
    await poll('127.0.0.5', OLD_READER);
    await poll('127.0.0.6', FEEDBIN, '/feeds/rss.xml?via=express');
    await poll('127.0.0.7', MINIFLUX);
    await poll('127.0.0.8', NETNEWSWIRE, '/feeds/atom.xml');
    await newsboat(`${service.url}feeds/rss.xml`, 3);
    assert.equal(await feedparser(`${service.url}feeds/atom.xml`), 304);

    const page = await request(service.operations.url ?? '', '/stats');
    assert.equal(page.status, 200);
    const html = page.body.toString('utf8');
    assert.equal(html.match(/<svg /g)?.length, 2, 'a chart for each feed polled: rss.xml and atom.xml');
    assert.ok(!html.includes('<script'), 'no script');
    for (const text of ['/feeds/rss.xml', '/feeds/atom.xml', '127.0.0.2', 'Feedly', 'newsboat', 'feedparser']) {
      assert.ok(html.includes(text), text);
    }
    assert.equal((await request(service.url, '/stats')).status, 404, 'never on the public port');
  });

  it('are printed by courier stats, subscribers first, once the service has saved them', async () => {
    await service.operations.save();
    const run = await courier(['stats', '--content', build.content, '--out', build.out], {}, clock());
    assert.equal(run.status, 0, run.stderr);
    const out = run.stdout;
    const rss = out.slice(out.indexOf('/feeds/rss.xml'), out.indexOf('/feeds/atom.xml'));
    assert.ok(out.indexOf('/feeds/rss.xml') < out.indexOf('/feeds/atom.xml'), 'most subscribers first');
    // Reported: Feedly 1,234 + Feedbin 23 + Inoreader 12 + NewsBlur 5 + The Old Reader 4; direct: Miniflux, newsboat.
    assert.match(
      rss,
      /about 1,280 subscribers \(Feedly 1,234, Feedbin 23, Inoreader 12, NewsBlur 5, The Old Reader 4; 2 direct\)/,
    );
    assert.match(rss, /7 pollers, 11 polls, 27 % conditional, 27 % answered 304, 0 refused/);
    assert.match(rss, /^ {2}Feedly +1 +3 +30 min +67 % +67 % +0 +1,234$/m);
    assert.match(rss, /^ {2}newsboat +1 +3 +0 s +33 % +33 % +0 +–$/m);
    assert.match(rss, /127\.0\.0\.2 {2}Feedly: 3 polls, every 30 min, 67 % conditional/);
    assert.match(out, /\/feeds\/atom\.xml\n {2}\S+: about 2 subscribers\n/);
  });

  it('keep addresses for the day only: the next day, counts remain and no address', async () => {
    clock.set(GOLDEN_NOW + DAY);
    await service.operations.save();
    const saved = readFileSync(join(stateDirOf(build), TODAY_FILE), 'utf8');
    assert.ok(!saved.includes('127.0.0.'), saved);
    const run = await courier(['stats', '--content', build.content, '--out', build.out], {}, clock());
    assert.ok(!run.stdout.includes('127.0.0.'), run.stdout);
    assert.ok(!run.stdout.includes('today’s pollers'), run.stdout);
    assert.match(run.stdout, /^ {2}2026-11-26 +7 +1,280$/m);
  });
});

describe('a service shutting down', () => {
  it('saves the polls it counted, and `courier stats` finds them', async () => {
    const build = new TempBuild();
    const { service } = await startClockedService(build, testClock(GOLDEN_NOW));
    try {
      await request(service.url, '/feeds/feed.json', { headers: { 'User-Agent': NETNEWSWIRE } });
    } finally {
      await service.close();
    }
    try {
      assert.match(readFileSync(join(stateDirOf(build), TODAY_FILE), 'utf8'), /NetNewsWire/);
      const run = await courier(['stats', '--out', build.out], {}, GOLDEN_NOW);
      assert.match(run.stdout, /\/feeds\/feed\.json\n {2}2026-11-26: about 1 subscriber\n {4}1 poller, 1 poll,/);
    } finally {
      build.remove();
    }
  });

  it('saves nothing when told not to count (COURIER_STATS=0)', async () => {
    const build = new TempBuild();
    const { service } = await startClockedService(build, testClock(GOLDEN_NOW), { COURIER_STATS: '0' });
    try {
      await request(service.url, '/feeds/feed.json', { headers: { 'User-Agent': NETNEWSWIRE } });
    } finally {
      await service.close();
    }
    try {
      const run = await courier(['stats', '--out', build.out], {}, GOLDEN_NOW);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^courier: no polls counted in the 30 days to 2026-11-26/);
    } finally {
      build.remove();
    }
  });
});

describe('the politeness policy', () => {
  it('is off by default: a client polling without conditions is always answered', async () => {
    const build = new TempBuild();
    const { service } = await startClockedService(build, testClock(GOLDEN_NOW));
    try {
      for (let poll = 0; poll < 3; poll += 1) assert.equal((await request(service.url, '/feeds/rss.xml')).status, 200);
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('answers 429 with Retry-After to a client polling without conditions too often, on either path', async () => {
    const build = new TempBuild();
    const clock = testClock(GOLDEN_NOW);
    const { service } = await startClockedService(build, clock, { COURIER_POLITENESS_INTERVAL: '900' });
    try {
      // newsboat 2.21 asks without conditions twice before it sends an ETag (test/conformance/newsboat.test.ts).
      const headers = { 'User-Agent': 'newsboat/2.21.0 (Linux x86_64)' };
      const first = await request(service.url, '/feeds/rss.xml', { headers });
      assert.equal(first.status, 200);
      clock.set(GOLDEN_NOW + 5 * MINUTE);
      const again = await request(service.url, '/feeds/rss.xml', { headers });
      assert.equal(again.status, 429);
      assert.equal(again.headers['retry-after'], '600');
      assert.equal(again.headers['cache-control'], 'no-store');
      assert.match(again.body.toString('utf8'), /If-None-Match/);
      assert.equal((await request(service.url, '/feeds/rss.xml?via=express', { headers })).status, 429);
      const conditional = { ...headers, 'If-None-Match': String(first.headers.etag) };
      assert.equal((await request(service.url, '/feeds/rss.xml', { headers: conditional })).status, 304);
      assert.equal((await request(service.url, '/feeds/atom.xml', { headers })).status, 200, 'another feed');
      const other = await pullFrom(service.url, '/feeds/rss.xml', '127.0.0.9', headers);
      assert.equal(other.status, 200, 'another client');
      clock.set(GOLDEN_NOW + 15 * MINUTE);
      assert.equal(
        (await request(service.url, '/feeds/rss.xml', { headers })).status,
        200,
        'once the interval is over',
      );
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('counts only a feed sent as a download: a HEAD without conditions is not, and the GET after it is answered', async () => {
    const build = new TempBuild();
    const clock = testClock(GOLDEN_NOW);
    const { service } = await startClockedService(build, clock, { COURIER_POLITENESS_INTERVAL: '900' });
    try {
      const headers = { 'User-Agent': 'newsboat/2.21.0 (Linux x86_64)' };
      assert.equal((await request(service.url, '/feeds/rss.xml', { method: 'HEAD', headers })).status, 200);
      clock.set(GOLDEN_NOW + MINUTE);
      assert.equal((await request(service.url, '/feeds/rss.xml', { headers })).status, 200, 'the GET after a HEAD');
      clock.set(GOLDEN_NOW + 2 * MINUTE);
      assert.equal((await request(service.url, '/feeds/rss.xml', { headers })).status, 429, 'the GET after a GET');
    } finally {
      await service.close();
      build.remove();
    }
  });
});
