import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderIndexPage } from '../../src/render/index-page.js';
import { buildCorpusFeeds, type BuiltFeed } from './built-feeds.js';
import { checkFeed, report } from './check.js';
import { checkUri } from './text-rules.js';
import { CORPUS_RECORDS } from './corpus.js';
import { readWithFeedParserNpm } from './feed-parser-npm.js';
import { feedparser } from './feedparser.js';
import { requirePythonModule } from './tools.js';

/** Author feeds of names in each script the corpus has, by their slugs. */
const SCRIPTS = [
  'søren-øster',
  'łukasz-kowalski',
  'анна-петрова',
  'γιωργος',
  'محمد',
  'نسرین',
  'דוד',
  '王小明',
  '山田太郎',
];

describe(`a generated corpus of ${CORPUS_RECORDS} records in many scripts, with hostile text in every field`, function () {
  // A cold build of the corpus, archives (RFC 5005) included, on a machine that may be busy: a bound, not a measure.
  this.timeout(120_000);
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  before(async function () {
    // Building 2,000 records of hostile text is CPU-bound: on a loaded machine it takes far longer than mocha's 20 s.
    this.timeout(180_000);
    requirePythonModule('feedparser', 'python3-feedparser');
    ({ feeds, remove } = await buildCorpusFeeds());
  });
  after(() => remove?.());

  /** The site's feeds, two partners' (kill notices first) and an author feed of each script. */
  const sample = () =>
    feeds.filter(
      (feed) =>
        ['corpus:rss.xml', 'corpus:atom.xml'].includes(feed.name) ||
        /^corpus partner (full-text|google-news):(rss|atom)\.xml$/.test(feed.name) ||
        (feed.format === 'rss' &&
          !feed.name.includes('/archive/') && // archive documents: archives.test.ts
          SCRIPTS.some((slug) => feed.name.startsWith(`corpus:authors/${slug}`))),
    );

  it('builds public and partner feeds of names in every script, kill notices included', () => {
    const names = feeds.map((feed) => feed.name).join('\n');
    for (const slug of SCRIPTS) assert.ok(names.includes(`corpus:authors/${slug}`), `a feed of ${slug}`);
    assert.ok(feeds.some((feed) => feed.partner && feed.format === 'atom' && (feed.killed?.length ?? 0) > 0));
    assert.ok(feeds.filter((feed) => feed.partner).length > 100);
  });

  it('holds every file of every format to every rule of the conformance checks', async () => {
    // Archive documents (RFC 5005) are held to the same rules, each of them, in archives.test.ts.
    const live = feeds.filter((feed) => !feed.name.includes('/archive/') && !feed.name.startsWith('corpus:archive/'));
    const violations = await Promise.all(
      live.map((feed) => checkFeed(readFileSync(feed.path, 'utf8'), feed.name, feed.format)),
    );
    assert.equal(report(violations.flat()), '');
  });

  it('links every feed from the index page by an ASCII address', () => {
    const folders = [
      ...new Set(feeds.filter((feed) => !feed.partner).map((feed) => feed.name.replace(/^corpus:|[^/]*$/g, ''))),
    ];
    const site = {
      title: 'Corpus',
      description: 'All feeds',
      feedsUrl: 'https://corpus.example/feeds/',
      language: 'en',
      timeZone: 'UTC',
    };
    const entries = folders.map((path) => ({
      title: path,
      name: path,
      kind: 'category' as const,
      path,
      articles: 1,
      updated: undefined,
    }));
    const page = renderIndexPage(site, entries).toString();
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map(([, href]) => href!);
    assert.ok(hrefs.some((href) => href.includes('/authors/s%C3%B8ren-%C3%B8ster/')));
    const problems: string[] = [];
    for (const href of hrefs) checkUri(href, (rule, message) => problems.push(`${rule}: ${message}`));
    assert.equal(problems.join('\n'), '');
  });

  it("reads, with Python's feedparser, every item of a sample as its record says", () => {
    const read = sample();
    assert.equal(read.length, 6 + SCRIPTS.length);
    const result = feedparser(read);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });

  it('reads, with @rowanmanning/feed-parser, every item of the same sample as its record says', () => {
    assert.equal(readWithFeedParserNpm(sample()).join('\n'), '');
  });
});
