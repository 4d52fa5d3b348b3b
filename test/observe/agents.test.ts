import assert from 'node:assert/strict';
import { AgentCache, parseAgent } from '../../src/observe/agents.js';

/**
 * User-Agents as readers and aggregators send them: copied from access logs and from the aggregators' own
 * fetchers (NewsBlur's and Feedbin's are built in their source code exactly so), or sent by the readers
 * installed here (newsboat 2.21, Python feedparser 6.0.10), as the poll statistics test sees them.
 */
const REAL: ReadonlyArray<[string, string, number | undefined, string | undefined]> = [
  ['Feedly/1.0 (+http://www.feedly.com/fetcher.html; 134 subscribers; )', 'Feedly', 134, 'Feedly'],
  [
    'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 1234 subscribers; feed-id=4f1a9c0e2b)',
    'Feedly',
    1234,
    'Feedly 4f1a9c0e2b',
  ],
  ['Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)', 'Feedly', undefined, undefined],
  [
    'Mozilla/5.0 (compatible; Inoreader/1.0; +http://www.inoreader.com/feed-fetcher; 12 subscribers; )',
    'Inoreader',
    12,
    'Inoreader',
  ],
  [
    'NewsBlur Feed Fetcher - 1 subscriber - http://www.newsblur.com/site/6311785/webpage (Mozilla/5.0 ' +
      '(Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Safari/605.1.15)',
    'NewsBlur',
    1,
    'NewsBlur 6311785',
  ],
  [
    'Mozilla/5.0 (compatible; theoldreader.com; 4 subscribers; feed-id=0719795c4d27c784217b0bc0)',
    'The Old Reader',
    4,
    'The Old Reader 0719795c4d27c784217b0bc0',
  ],
  ['Feedbin feed-id:1306543 - 3 subscribers', 'Feedbin', 3, 'Feedbin 1306543'],
  ['Feedbin feed-id:2000935 - 13 subscribers', 'Feedbin', 13, 'Feedbin 2000935'],
  [
    'Feedfetcher-Google; (+http://www.google.com/feedfetcher.html; 4 subscribers; feed-id=9048986372668769311)',
    'Google Feedfetcher',
    4,
    'Google Feedfetcher 9048986372668769311',
  ],
  ['Netvibes (http://www.netvibes.com/; 5 subscribers; feedId: 5404723)', 'Netvibes', 5, 'Netvibes 5404723'],
  [
    'Overcast/1.0 Podcast Sync (1190 subscribers; feed-id=554901; +http://overcast.fm/)',
    'Overcast',
    1190,
    'Overcast 554901',
  ],
  ['Bloglines/3.1 (http://www.bloglines.com; 1 subscriber)', 'Bloglines', 1, 'Bloglines'],
  ['Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)', 'Miniflux', undefined, undefined],
  ['NetNewsWire (RSS Reader; https://netnewswire.com/)', 'NetNewsWire', undefined, undefined],
  ['newsboat/2.21.0 (Linux x86_64)', 'newsboat', undefined, undefined],
  ['feedparser/6.0.10 +https://github.com/kurtmckee/feedparser/', 'feedparser', undefined, undefined],
  ['Tiny Tiny RSS/23.05-a4543de (Unsupported) (https://tt-rss.org/)', 'Tiny Tiny RSS', undefined, undefined],
  ['FreshRSS/1.23.1 (Linux; https://freshrss.org)', 'FreshRSS', undefined, undefined],
  ['Akregator/5.24.0 (23.08.0); syndication', 'Akregator', undefined, undefined],
  ['Blogtrottr/2.0', 'Blogtrottr', undefined, undefined],
  ['Aggregator/2.22.000 (Android/13; exynos9611)', 'Aggregator', undefined, undefined],
  ['FeedBurner/1.0 (http://www.FeedBurner.com)', 'FeedBurner', undefined, undefined],
  ['axios/0.26.1', 'axios', undefined, undefined],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Googlebot', undefined, undefined],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    'a web browser',
    undefined,
    undefined,
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'a web browser', undefined, undefined],
  ['', '(no User-Agent)', undefined, undefined],
];

describe('the User-Agents of readers and aggregators', () => {
  for (const [userAgent, name, subscribers, subscription] of REAL) {
    const reporting = subscribers === undefined ? '' : ` reporting ${subscribers}`;
    it(`reads ${JSON.stringify(userAgent.slice(0, 60))} as ${name}${reporting}`, () => {
      const agent = parseAgent(userAgent);
      assert.equal(agent.name, name);
      assert.equal(agent.subscribers, subscribers);
      assert.equal(agent.subscription, subscription);
    });
  }

  it('reads counts written with thousands separators', () => {
    assert.equal(parseAgent('SomeAggregator/2.1 (+https://example.org/bot; 12,204 subscribers)').subscribers, 12_204);
  });

  it('knows an aggregator whose count changes as the same client', () => {
    const before = parseAgent('Feedly/1.0 (+http://www.feedly.com/fetcher.html; 134 subscribers; )');
    const after = parseAgent('Feedly/1.0 (+http://www.feedly.com/fetcher.html; 135 subscribers; )');
    assert.equal(before.identity, after.identity);
    assert.notEqual(parseAgent('newsboat/2.21.0 (Linux x86_64)').identity, parseAgent('newsboat/2.30.1').identity);
  });

  it('keeps names short, so that a long User-Agent cannot fill a report', () => {
    assert.ok(parseAgent(`${'x'.repeat(500)}/1.0`).name.length <= 40);
  });

  it('remembers what it read, up to a bound', () => {
    const cache = new AgentCache(2);
    const first = cache.of('newsboat/2.21.0 (Linux x86_64)');
    assert.equal(cache.of('newsboat/2.21.0 (Linux x86_64)'), first);
    cache.of('axios/0.26.1');
    cache.of('Blogtrottr/2.0');
    assert.notEqual(cache.of('newsboat/2.21.0 (Linux x86_64)'), first, 'forgotten once the bound was reached');
  });
});
