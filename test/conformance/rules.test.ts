import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJsonFeed } from '../helpers/json-feed.js';
import { checkAtom, checkOpml } from './atom-rules.js';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { checkFeed, report } from './check.js';
import { checkJsonFeed } from './json-feed.js';
import { checkRss } from './rss-rules.js';

describe('every feed, against the rules of their specifications and of the W3C validator', () => {
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

  it('Atom feeds hold plain text as the validator reads it, ASCII URIs and an author on every entry', async () => {
    const atom = feeds.filter((feed) => feed.format === 'atom');
    assert.ok(atom.length > 20);
    const violations = (
      await Promise.all(atom.map((feed) => checkAtom(readFileSync(feed.path, 'utf8'), feed.name)))
    ).flat();
    assert.equal(report(violations), '');
  });

  it('the OPML lists hold plain text as the validator reads it and ASCII URLs', () => {
    const opml = feeds.filter((feed) => feed.format === 'opml');
    assert.equal(opml.length, 2);
    assert.equal(report(opml.flatMap((feed) => checkOpml(readFileSync(feed.path, 'utf8'), feed.name))), '');
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

    const xmlCases: Array<[string, string, (text: string) => string, RegExp]> = [
      [
        'RSS with pubDate and dc:date on one item',
        'sample:rss.xml',
        (xml) => xml.replace('<dc:creator>', '<dc:date>2026-11-26T00:00:00Z</dc:date><dc:creator>'),
        /^sample:rss\.xml item 1 \(.*\): one meaning, one element: found pubDate and dc:date: name it once$/m,
      ],
      [
        'RSS with dcterms:modified and atom:updated on one item',
        'sample:rss.xml',
        (xml) =>
          xml.replace(
            /(<dcterms:modified>[^<]*<\/dcterms:modified>)/,
            '$1<atom:updated>2026-11-26T00:00:00Z</atom:updated>',
          ),
        /item \d+ \(.*\): one meaning, one element: found dcterms:modified and atom:updated/,
      ],
      [
        'a kill notice with media:status, which the validator does not know',
        'partner full:rss.xml',
        (xml) => xml.replace('</content:encoded>', '</content:encoded><media:status state="deleted"/>'),
        /^partner full:rss\.xml item 1 media:status: elements the validator knows: /m,
      ],
      [
        'Atom kill notices as RFC 6721 tombstones, whose namespace the validator does not know',
        'partner full:atom.xml',
        (xml) => xml.replace('<feed ', '<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" '),
        /^partner full:atom\.xml: namespaces the validator knows: xmlns:at=/m,
      ],
      [
        'a kill notice without an author',
        'partner full:rss.xml',
        (xml) => xml.replace(/<dc:creator>[^<]*<\/dc:creator>/, ''),
        /^partner full:rss\.xml item 1 \(tag:news\.test\.example,2026:articles\/2026\/11\/retracted\): an author on every item: /m,
      ],
      [
        'an Atom entry without an author',
        'partner full:atom.xml',
        (xml) => xml.replace(/(<entry>[^]*?)<author>.*?<\/author>/, '$1'),
        /^partner full:atom\.xml entry 1 \(tag:news\.test\.example,2026:articles\/2026\/11\/retracted\): an author on every item: /m,
      ],
      [
        'an empty Atom feed dated 1970',
        'fixtures:categories/retractions-only/atom.xml',
        (xml) => xml.replace(/<updated>[^<]*<\/updated>/, '<updated>1970-01-01T00:00:00Z</updated>'),
        /^fixtures:categories\/retractions-only\/atom\.xml feed updated: plausible dates: .*found 1970-01-01T00:00:00Z$/m,
      ],
      [
        'an Atom feed id that is not ASCII',
        'fixtures:categories/umlaut-große/atom.xml',
        (xml) => xml.replace('umlaut-gro%C3%9Fe/</id>', 'umlaut-große/</id>'),
        /^fixtures:categories\/umlaut-große\/atom\.xml feed id: ASCII URIs: expected an ASCII URI .*found "tag:news\.test\.example,2026:feeds\/categories\/umlaut-große\/"$/m,
      ],
      [
        'an RSS self link that is not ASCII and a guid that is no tag URI',
        'fixtures:categories/umlaut-große/rss.xml',
        (xml) =>
          xml
            .replace('umlaut-gro%C3%9Fe/rss.xml', 'umlaut-große/rss.xml')
            .replace('tag:news.test.example,2026:articles', 'tag:news.test.example:articles'),
        /channel atom:link href: ASCII URIs: [^\n]*\n[^\n]*item 1 guid: tag URIs: expected a tag URI as RFC 4151 has it/,
      ],
      [
        'an OPML outline whose xmlUrl is not ASCII and whose text is not escaped for HTML',
        'fixtures:index.opml',
        (xml) =>
          xml
            .replace('umlaut-gro%C3%9Fe/', 'umlaut-große/')
            .replace(
              'text="Test Newsroom: R&amp;amp;D &amp;lt;Lab&amp;gt;"',
              'text="Test Newsroom: R&amp;D &lt;Lab&gt;"',
            ),
        /outline text: plain text escaped for HTML: "Test Newsroom: R&D <Lab>" reads otherwise as HTML[^]*outline xmlUrl: ASCII URIs: /,
      ],
      [
        'an RSS title and summary escaped for XML only',
        'fixtures:rss.xml',
        (xml) =>
          xml
            .replace(/<title>Hostile [^<]*<\/title>/, '<title>Hostile &lt;b&gt;text&lt;/b&gt; &amp; more</title>')
            .replace(/<description>Ends with [^<]*<\/description>/, '<description>Rates &lt; 4%</description>'),
        /item 2 title: plain text escaped for HTML: "Hostile <b>text<\/b> & more" reads otherwise as HTML[^]*item 2 title: no markup in plain text: found <\/b>[^]*item 2 title: hexadecimal references in plain text: [^]*item 2 description: plain text escaped for HTML: "Rates < 4%"/,
      ],
      [
        'an Atom title of type text that holds markup',
        'fixtures:atom.xml',
        (xml) =>
          xml.replace(
            /<title type="html">Hostile [^<]*<\/title>/,
            '<title type="text">Hostile &lt;b&gt;text&lt;/b&gt;</title>',
          ),
        /^fixtures:atom\.xml entry 2 title: no markup in plain text: found <\/b> in "Hostile <b>text<\/b>"$/m,
      ],
      [
        'a caption of type plain that holds markup',
        'fixtures:rss.xml',
        (xml) =>
          xml.replace(
            /<media:description type="[^"]*">[^<]*</,
            '<media:description type="plain">A &lt;i&gt;caption&lt;/i&gt;<',
          ),
        /item \d+ media:description: no markup in plain text: found <\/i>[^]*item \d+ media:description: hexadecimal references in plain text/,
      ],
    ];
    for (const [name, feed, breakIt, expected] of xmlCases) {
      it(name, async () => {
        const broken = breakIt(text(feed));
        assert.notEqual(broken, text(feed), 'the break applies');
        const format = feeds.find((built) => built.name === feed)!.format;
        assert.match(report(await checkFeed(broken, feed, format)), expected);
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

    it('JSON Feed with a kill notice without authors and an id that is not ASCII', () => {
      const document = parseJsonFeed(text('partner full:feed.json'));
      delete document.items[0]!.authors;
      document.items[1]!.id = 'tag:news.test.example,2026:articles/ümlaut';
      const found = report(checkJsonFeed(JSON.stringify(document), 'partner full:feed.json'));
      assert.match(found, /^partner full:feed\.json item 1 \(.*\/retracted\): an author on every item: /m);
      assert.match(found, /^partner full:feed\.json item 2 \(.*\): ASCII URIs: /m);
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
