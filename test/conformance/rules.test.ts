import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJsonFeed } from '../helpers/json-feed.js';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { checkJsonFeed } from './json-feed.js';
import { checkRss, type Violation } from './rss-rules.js';

const report = (violations: readonly Violation[]) =>
  violations.map((v) => `${v.where}: ${v.rule}: ${v.message}`).join('\n');

describe('every RSS and JSON feed, against the rules of their specifications', () => {
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  before(async () => ({ feeds, remove } = await buildAllFeeds()));
  after(() => remove?.());
  const text = (name: string) => readFileSync(feeds.find((feed) => feed.name === name)!.path, 'utf8');

  it('RSS 2.0 and the RSS Advisory Board profile hold for every RSS feed', async () => {
    const rss = feeds.filter((feed) => feed.format === 'rss');
    assert.ok(rss.length > 20);
    const violations = (
      await Promise.all(rss.map((feed) => checkRss(readFileSync(feed.path, 'utf8'), feed.name)))
    ).flat();
    assert.equal(report(violations), '');
  });

  it('JSON Feed 1.1 holds for every JSON feed', () => {
    const json = feeds.filter((feed) => feed.format === 'json');
    assert.ok(json.length > 20);
    assert.equal(report(json.flatMap((feed) => checkJsonFeed(readFileSync(feed.path, 'utf8'), feed.name))), '');
  });

  describe('a feed broken on purpose fails, naming the feed, the item and the rule', () => {
    const cases: Array<[string, string, (text: string) => string, RegExp]> = [
      [
        'a bare author name',
        'sample:rss.xml',
        (xml) => xml.replace('<dc:creator>', '<author>Staff Report</author><dc:creator>'),
        /^sample:rss\.xml item 1 \(tag:newsroom\.example,2026:articles\/2026\/11\/oman-talks\): author is an email address: /m,
      ],
      [
        'a second enclosure with no length',
        'sample:rss.xml',
        (xml) =>
          xml.replace(
            '<dc:creator>',
            '<enclosure url="https://a.example/x.jpg" length="0" type="image/jpg"/><enclosure url="https://a.example/y.jpg" length="1" type="image/jpeg"/><dc:creator>',
          ),
        /item 1 .*: at most one enclosure: found 2\n.*item 1 .*: enclosure length: .*\n.*item 1 .*: enclosure type: expected a registered media type, found "image\/jpg"/,
      ],
      [
        'a date that is not RFC 822',
        'sample:rss.xml',
        (xml) => xml.replace(/<pubDate>[^<]*<\/pubDate>/, '<pubDate>2026-11-26T00:00:00Z</pubDate>'),
        /item 1 .*: RFC 822 date: expected an RFC 822 date/,
      ],
      [
        'an undeclared prefix',
        'sample:rss.xml',
        (xml) => xml.replace(' xmlns:media="http://search.yahoo.com/mrss/"', ''),
        /^sample:rss\.xml: (well-formed XML|declared namespaces): /m,
      ],
      [
        'a channel without description',
        'sample:rss.xml',
        (xml) => xml.replace(/<description>[^<]*<\/description>/, ''),
        /^sample:rss\.xml channel: channel description: expected exactly one <description>/m,
      ],
    ];
    for (const [name, feed, breakIt, expected] of cases) {
      it(`RSS with ${name}`, async () => {
        const violations = await checkRss(breakIt(text(feed)), feed);
        assert.match(report(violations), expected);
      });
    }

    it('JSON Feed with the version string 1', () => {
      const broken = text('sample:feed.json').replace(
        '"https://jsonfeed.org/version/1.1"',
        '"https://jsonfeed.org/version/1"',
      );
      assert.match(
        report(checkJsonFeed(broken, 'sample:feed.json')),
        /^sample:feed\.json: JSON Feed 1\.1 schema \/version: must be equal to constant/m,
      );
    });

    it('JSON Feed with a duplicate id, a date that is not RFC 3339 and a relative URL', () => {
      const document = parseJsonFeed(text('sample:feed.json'));
      document.items[1]!.id = document.items[0]!.id;
      document.items[2]!.date_published = 'Thu, 26 Nov 2026 00:00:00 GMT';
      document.items[3]!.url = '/2026/11/relative/';
      const found = report(checkJsonFeed(JSON.stringify(document), 'sample:feed.json'));
      assert.match(found, /sample:feed\.json item 2 \(.*\): unique ids: /);
      assert.match(found, /sample:feed\.json item 3 \(.*\): RFC 3339 date_published: /);
      assert.match(found, /sample:feed\.json item 4 \(.*\): absolute url: /);
    });
  });
});
