import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildReport } from '../../src/publish/report.js';
import { GOLDEN_NOW, type TempBuild } from '../helpers/build.js';
import { parseJsonFeed, type JsonFeedItem } from '../helpers/json-feed.js';
import { GOLDEN } from '../helpers/paths.js';
import { partnerContent, partnerFile } from '../helpers/partners.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PARTNERS = ['full', 'summary', 'msn', 'google', 'flip'];
const FORMATS = ['rss.xml', 'atom.xml', 'feed.json'];

describe('the partner feeds of the fixtures', () => {
  let build: TempBuild;
  let report: BuildReport;
  before(async () => {
    build = partnerContent();
    report = await build.build();
    assert.deepEqual(report.problems, []);
  });
  after(() => build.remove());
  const feed = (partner: string, path = 'rss.xml') => partnerFile(report, partner, path);
  const everyFile = (partner: string) =>
    report
      .publication!.partners.files.get(partner)!
      .map((file) => file.body.toString('utf8'))
      .join('\n');

  for (const partner of PARTNERS) {
    for (const format of FORMATS) {
      it(`match test/golden/partners/${partner}/${format}`, () => {
        const golden = join(GOLDEN, 'partners', partner, format);
        if (UPDATE) {
          mkdirSync(dirname(golden), { recursive: true });
          writeFileSync(golden, feed(partner, format));
        }
        assert.equal(feed(partner, format), readFileSync(golden, 'utf8'));
      });
    }
  }

  it('never carry an article whose record says syndication: false', () => {
    for (const partner of PARTNERS) assert.doesNotMatch(everyFile(partner), /Kept From Every Partner/, partner);
    assert.match(
      readFileSync(join(build.out, 'rss.xml'), 'utf8'),
      /Kept From Every Partner/,
      'it stays in the public feed',
    );
  });

  it('carry an article named for one partner to that partner alone', () => {
    assert.match(everyFile('msn'), /An Exclusive For MSN/);
    for (const partner of PARTNERS.filter((id) => id !== 'msn'))
      assert.doesNotMatch(everyFile(partner), /An Exclusive For MSN/, partner);
  });

  it('carry an article, but not its image, when the image is licensed for our site only', () => {
    for (const partner of ['full', 'msn', 'google', 'flip']) {
      const files = everyFile(partner);
      assert.match(files, /Agency Photo Licensed for Our Site Only/, partner);
      assert.doesNotMatch(files, /images\.test\.example\/vcg/, `${partner}: the image must not appear anywhere`);
    }
    assert.match(
      readFileSync(join(build.out, 'rss.xml'), 'utf8'),
      /images\.test\.example\/vcg\/talks\.jpg/,
      'it stays on our own site',
    );
  });

  it('send an image with its credit and copyright wherever it goes', () => {
    const rss = feed('full');
    assert.match(
      rss,
      /<media:content url="https:\/\/images\.test\.example\/staff\/market\.jpg"[^>]*>\s*<media:description type="plain">The old market at dawn.<\/media:description>\s*<media:credit>Staff photographer<\/media:credit>\s*<media:copyright>© Test Newsroom<\/media:copyright>/,
    );
    const photo = jsonItem(feed('full', 'feed.json'), (item) => item.title === 'A Photo Sent With Its Credit');
    assert.match(photo._courier.image?.copyright ?? '(no copyright)', /© Test Newsroom/);
  });

  it('keep only allowed markup in bodies: no script or handler, iframes from video hosts only', () => {
    const content = jsonItem(feed('full', 'feed.json'), (item) => item.title.startsWith('Agency Photo')).content_html;
    assert.doesNotMatch(content, /<script|onclick|evil\.example/);
    assert.match(content, /<iframe src="https:\/\/www\.youtube\.com\/embed\/abc123"/);
    assert.doesNotMatch(
      parseJsonFeed(feed('summary', 'feed.json'))
        .items.map((item) => item.content_html)
        .join(''),
      /<iframe/,
    );
  });

  it('give summary-only partners the summary and a link, never the full text', () => {
    const item = jsonItem(feed('summary', 'feed.json'), (entry) => entry.title === 'Plant Doubles Output');
    assert.equal(item.content_html.match(/Sponsored content by Example Bank/g)?.length, 1, 'disclosed once');
    assert.match(item.content_html, /<p>A summary written by the desk\.<\/p>/);
    assert.match(
      item.content_html,
      /<a href="https:\/\/news\.test\.example\/2026\/11\/correction\/">Read the full article<\/a>/,
    );
    assert.doesNotMatch(item.content_html, /double/);
  });

  it('disclose sponsored and labelled content in every format, and leave sponsored content out for MSN', () => {
    const json = jsonItem(feed('full', 'feed.json'), (entry) => entry.title === 'Plant Doubles Output');
    assert.match(json.content_html, /^<p><strong>Sponsored · Sponsored content by Example Bank<\/strong><\/p>/);
    assert.equal(json._courier.sponsored, true);
    assert.match(
      feed('full', 'atom.xml'),
      /<category term="Sponsored content by Example Bank" scheme="[^"]*\/labels\/"\/>/,
    );
    assert.doesNotMatch(everyFile('msn'), /Plant Doubles Output/);
  });

  it('send Google News a corrected article under its correction date, which is the date it reads', () => {
    assert.match(
      feed('google'),
      /<title>Plant Doubles Output<\/title>[\s\S]*?<pubDate>Sat, 21 Nov 2026 10:20:00 GMT<\/pubDate>/,
    );
    assert.match(
      feed('full'),
      /<title>Plant Doubles Output<\/title>[\s\S]*?<pubDate>Fri, 20 Nov 2026 07:00:00 GMT<\/pubDate>\s*<dcterms:modified>2026-11-21T10:20:00Z<\/dcterms:modified>/,
    );
  });

  it('give each partner a feed per category it may have, and none for the others', () => {
    const paths = (partner: string) => report.publication!.partners.files.get(partner)!.map((file) => file.path);
    assert.ok(paths('msn').includes('categories/business/rss.xml'));
    assert.ok(!paths('msn').some((path) => path.startsWith('categories/culture/')));
    assert.deepEqual(
      paths('flip')
        .filter((path) => path.endsWith('rss.xml'))
        .sort(),
      ['categories/culture/rss.xml', 'categories/world/rss.xml', 'rss.xml'],
    );
  });
});

describe('partner feeds around an embargo and a retraction', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = partnerContent();
  });
  afterEach(() => build.remove());

  it('hold back an embargoed article until the very second it is published', async () => {
    const embargo = Date.parse('2027-06-01T08:00:00Z');
    const before = await build.build(embargo - 1000);
    for (const partner of PARTNERS) assert.doesNotMatch(partnerFile(before, partner, 'rss.xml'), /Summit opens/);
    const at = await build.freshBuilder().build(embargo);
    assert.match(partnerFile(at, 'full', 'rss.xml'), /Summit opens/);
  });

  it('tell partners of a retraction in every format, and count it as a change', async () => {
    const path = join(build.content, 'articles/2026/11/retracted.md');
    const retracted = readFileSync(path, 'utf8');
    writeFileSync(path, retracted.replace(/status: retracted\nretracted_at: [^\n]*\nretraction_note: [^\n]*\n/, ''));
    const live = await build.build(Date.parse('2026-11-24T12:00:00Z'));
    const liveFile = live.publication!.partners.files.get('full')!.find((file) => file.path === 'rss.xml')!;
    writeFileSync(path, retracted);
    const killed = await build.build(GOLDEN_NOW);
    const killedFile = killed.publication!.partners.files.get('full')!.find((file) => file.path === 'rss.xml')!;
    assert.notEqual(killedFile.hash, liveFile.hash);
    assert.ok(killedFile.lastModified > liveFile.lastModified, 'Last-Modified moves forward');
    const rss = partnerFile(killed, 'full', 'rss.xml');
    assert.match(
      rss,
      /<guid isPermaLink="false">tag:news\.test\.example,2026:articles\/2026\/11\/retracted<\/guid>[\s\S]*?<dcterms:modified>2026-11-25T09:00:00Z<\/dcterms:modified>\s*<dc:creator>Staff Report<\/dc:creator>\s*<description>Withdrawn because its central claim was wrong\.<\/description>/,
    );
    assert.match(
      partnerFile(killed, 'full', 'atom.xml'),
      /<entry>\s*<id>tag:news\.test\.example,2026:articles\/2026\/11\/retracted<\/id>[\s\S]*?<updated>2026-11-25T09:00:00Z<\/updated>\s*<author><name>Staff Report<\/name><\/author>\s*<summary type="text">Withdrawn because its central claim was wrong\.<\/summary>/,
    );
    const json = jsonItem(partnerFile(killed, 'full', 'feed.json'), (item) => item.id.endsWith('/retracted'));
    assert.deepEqual(json._courier, {
      deleted: true,
      retracted_at: '2026-11-25T09:00:00Z',
      note: 'Withdrawn because its central claim was wrong.',
    });
    assert.doesNotMatch(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /retracted<\/guid>/, 'public feeds drop it');
  });

  it('drop the kill notice after kill_notice_days', async () => {
    const late = await build.build(Date.parse('2026-11-25T09:00:00Z') + 30 * 86_400_000);
    assert.doesNotMatch(partnerFile(late, 'full', 'rss.xml'), /retracted<\/guid>/);
  });
});

describe('a partner feed over its byte budget', () => {
  it('drops the oldest items, whole, until it fits', async () => {
    const build = partnerContent();
    try {
      const paragraph = `${'A long paragraph of reporting that goes on and on. '.repeat(60)}\n\n`;
      for (let day = 1; day <= 90; day += 1) {
        const date = new Date(Date.UTC(2026, 7, 1) + day * 86_400_000).toISOString();
        writeFileSync(
          join(build.content, `articles/2026/11/long-${day}.md`),
          `---\ntitle: Long read ${day}\npublished: "${date}"\ncategories: [World]\n---\n\n${paragraph.repeat(12)}`,
        );
      }
      const report = await build.build();
      for (const format of ['rss.xml', 'atom.xml', 'feed.json']) {
        const file = report.publication!.partners.files.get('google')!.find((candidate) => candidate.path === format)!;
        assert.ok(file.body.length <= 2 * 1024 * 1024, `${format}: ${file.body.length} bytes`);
        assert.ok(file.body.length > 1.5 * 1024 * 1024, `${format}: ${file.body.length} bytes is far under the budget`);
      }
      const titles = parseJsonFeed(partnerFile(report, 'google', 'feed.json')).items.map((item) => item.title);
      const longReads = titles.filter((title) => title.startsWith('Long read')).map((title) => Number(title.slice(10)));
      assert.ok(longReads.length < 90 && longReads.length > 10);
      assert.deepEqual(
        longReads,
        Array.from({ length: longReads.length }, (_, i) => 90 - i),
        'the newest are kept, in order',
      );
      await new (await import('xml2js')).Parser().parseStringPromise(partnerFile(report, 'google', 'rss.xml'));
    } finally {
      build.remove();
    }
  });
});

describe('partner feeds while partners.yaml is broken', () => {
  it('go on for the partners of its last good version, and the problem is reported', async () => {
    const build = partnerContent();
    try {
      await build.build();
      writeFileSync(join(build.content, 'partners.yaml'), 'partners: [oops\n');
      const report = await build.build(GOLDEN_NOW + 3_600_000);
      assert.match(
        report.problems.map((problem) => `${problem.file}: ${problem.field}`).join('\n'),
        /^partners\.yaml: /m,
      );
      assert.deepEqual([...report.publication!.partners.files.keys()], PARTNERS);
    } finally {
      build.remove();
    }
  });
});

/** The item of a JSON Feed's text that `matches`; the test fails, saying so, when there is none. */
function jsonItem(text: string, matches: (item: JsonFeedItem) => boolean): JsonFeedItem {
  const item = parseJsonFeed(text).items.find(matches);
  if (!item) assert.fail(`the feed has no such item: ${matches.toString()}`);
  return item;
}
