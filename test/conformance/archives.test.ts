import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../src/config/read-config.js';
import { ArticleLoader } from '../../src/content/load.js';
import { parseSite } from '../../src/content/site.js';
import { slugify } from '../../src/content/text.js';
import type { Article } from '../../src/content/types.js';
import { startService } from '../../src/service/service.js';
import type { RunningService } from '../../src/service/service-types.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { ROOT } from '../helpers/paths.js';
import { walkArchives, type WalkedDocument } from './archive-walk.js';
import type { BuiltFeed, Format } from './built-feeds.js';
import { checkFeed, report } from './check.js';
import { CORPUS_NOW, CORPUS_RECORDS, writeCorpus } from './corpus.js';
import { readWithFeedParserNpm } from './feed-parser-npm.js';
import { feedparser } from './feedparser.js';
import { requirePythonModule, requireTool, run } from './tools.js';

const RECORDS = CORPUS_RECORDS;
const FEEDS_URL = 'https://corpus.example/feeds/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
type FeedFormatId = Exclude<Format, 'opml'>;
const FILES: Record<FeedFormatId, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

describe(`RFC 5005 archives of a generated corpus of ${RECORDS} records, served over HTTP`, function () {
  // A cold build of the corpus and three more builds, on a machine that may be busy: a bound, not a measure.
  this.timeout(240_000);
  let root: string;
  let content: string;
  let service: RunningService;
  let articles: Article[];

  before(async () => {
    requirePythonModule('feedparser', 'python3-feedparser');
    root = mkdtempSync(join(tmpdir(), 'courier-archives-'));
    content = join(root, 'content');
    writeCorpus(content, RECORDS);
    const { config, problems } = readConfig({ PORT: '0', HOST: '127.0.0.1' }, { content, out: join(root, 'feeds') });
    if (!config) throw new Error(problems.join('\n'));
    service = await startService(config, () => CORPUS_NOW, new RecordingLogger(), { schedule: false });
    articles = loadArticles(content);
  });
  after(async () => {
    await (service as RunningService | undefined)?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const walk = (path: string, format: FeedFormatId) =>
    walkArchives(service.url, FEEDS_URL, new URL(path + FILES[format], FEEDS_URL).href, format);
  const publicIds = (matches: (article: Article) => boolean = () => true) =>
    articles.filter((a) => a.status === 'published' && a.published <= CORPUS_NOW && matches(a)).map((a) => a.id);

  it('leads a client from every feed, by prev-archive, to every public article of the feed, none missing, none extra', async () => {
    const feeds = service.state.feeds;
    assert.ok(feeds.length > 30, 'the site feed, categories and authors');
    for (const feed of feeds) {
      const [, slug] = /^(?:categories|authors)\/([^/]+)\/$/.exec(feed.path) ?? [];
      const expected = publicIds((article) =>
        feed.kind === 'site'
          ? true
          : feed.kind === 'category'
            ? article.categories.some((name) => slugify(name) === slug)
            : article.authors.some((author) => slugify(author.name) === slug),
      );
      const formats: FeedFormatId[] =
        feed.kind === 'site' || feeds.indexOf(feed) % 10 === 1 ? ['rss', 'atom', 'json'] : ['rss'];
      for (const format of formats) {
        const documents = await walk(feed.path, format);
        assertSameIds(documents, expected, `${feed.path || '(site)'} ${format}`);
      }
    }
  });

  it('marks every archive document <fh:archive/>, links it to the live feed as "current", and ends each chain', async () => {
    const documents = await walk('', 'atom');
    assert.equal(documents.length, 1 + Math.floor(publicIds().length / 50), 'the live feed and every full page');
    assert.equal(documents[0]!.archive, false, 'the live feed is no archive');
    for (const document of documents.slice(1)) {
      assert.ok(document.archive, `${document.url} is marked <fh:archive/>`);
      assert.match(
        document.reply.body.toString(),
        /<link rel="current" type="application\/atom\+xml" href="https:\/\/corpus\.example\/feeds\/atom\.xml"\/>/,
      );
      assert.match(document.url, /\/archive\/p\d+\/[0-9a-f]{12}\/atom\.xml$/);
    }
    assert.equal(documents.at(-1)!.prevArchive, undefined, 'the oldest page links to nothing older');
    assert.match(documents.at(-1)!.url, /\/archive\/p1\//);
  });

  it('serves archive documents immutable for a year, with a strong ETag, and the live feeds as before', async () => {
    const [live, newest] = await walk('', 'rss');
    assert.equal(
      live!.reply.headers['cache-control'],
      'public, max-age=300, stale-while-revalidate=600, stale-if-error=86400',
    );
    assert.equal(newest!.reply.headers['cache-control'], IMMUTABLE);
    const path = `/feeds/${newest!.url.slice(FEEDS_URL.length)}`;
    const again = await request(service.url, path, { headers: { 'if-none-match': newest!.reply.headers.etag! } });
    assert.equal(again.status, 304);
    assert.equal(again.headers['cache-control'], IMMUTABLE);
  });

  it('says in the OPML list and on the index page that archives exist', async () => {
    const opml = (await request(service.url, '/feeds/index.opml')).body.toString();
    assert.match(opml, /<outline text="Older articles: [^"]*RFC 5005[^"]*" isComment="true"\/>/);
    const page = (await request(service.url, '/')).body.toString();
    assert.match(page, /<p>Older articles: [^<]*archive documents[^<]*\(RFC 5005 archived feeds/);
  });

  it('holds every archive document to the conformance rules and Atom archives to the RELAX NG grammar of RFC 4287', async () => {
    requireTool('xmllint');
    requireTool('trang');
    const archives = builtArchives(root, articles);
    assert.ok(archives.length > 3 * (RECORDS / 50), `${archives.length} archive files`);
    const violations = await Promise.all(
      archives.map((f) => checkFeed(readFileSync(f.path, 'utf8'), f.name, f.format)),
    );
    assert.equal(report(violations.flat()), '');
    const schema = join(root, 'atom.rng');
    assert.equal(run('trang', [join(ROOT, 'test/schemas/atom.rnc'), schema]).status, 0);
    const atom = archives.filter((f) => f.format === 'atom').map((f) => f.path);
    const checked = run('xmllint', ['--noout', '--relaxng', schema, ...atom]);
    assert.equal(checked.status, 0, checked.stderr);
  });

  it("is read, item by item as its records say, by Python's feedparser and by @rowanmanning/feed-parser", () => {
    // The oldest, a middle and the newest page of the site feed, in each format, and a category's pages.
    const archives = builtArchives(root, articles);
    const site = archives.filter((f) => /^archive\/p(1|20|39)\//.test(f.name));
    const category = archives.filter((f) => f.name.startsWith('categories/q-a/archive/'));
    const sample = [...site, ...category].filter((f) => f.format !== 'json'); // neither reads JSON Feed
    assert.ok(site.length === 9 && category.length >= 9, `${site.length} and ${category.length} files`);
    const result = feedparser(sample);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.equal(readWithFeedParserNpm(sample).join('\n'), '');
  });

  it('keeps every full page where it was when a new article arrives: a page holds the same articles for good', async () => {
    const before = await walk('', 'rss');
    writeRecord(content, 'articles/2026/11/a-new-one.md', 'A new one', CORPUS_NOW - 60_000);
    await service.rebuild();
    articles = loadArticles(content);
    const after = await walk('', 'rss');
    assert.notDeepEqual(after[0]!.reply.body, before[0]!.reply.body, 'the live feed has the new article');
    assert.deepEqual(
      after.slice(1).map((d) => d.url),
      before.slice(1).map((d) => d.url),
      'every archive page keeps its address',
    );
    assertSameIds(after, publicIds(), 'site after a new article');
  });

  it('moves a changed page and every newer one to new addresses, links them anew, and retires the old ones', async () => {
    const before = await walk('', 'rss');
    const oldest = before.slice(1).reverse(); // p1 first
    // A correction on page 3 and a retraction on page 5, in one build.
    const corrected = oldest[2]!.ids[10]!;
    const retracted = oldest[4]!.ids[5]!;
    appendFileSync(recordFile(content, corrected), '\n\nCorrection: an earlier version misstated the figures.\n');
    const file = recordFile(content, retracted);
    const retraction = 'status: retracted\nretracted_at: "2026-11-20T00:00:00Z"\nretraction_note: "Withdrawn."';
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n---\n', `\n${retraction}\n---\n`));
    await service.rebuild();
    articles = loadArticles(content);
    const after = await walk('', 'rss');
    const afterOldest = after.slice(1).reverse();
    assert.deepEqual(
      afterOldest.slice(0, 2).map((d) => d.url),
      oldest.slice(0, 2).map((d) => d.url),
      'older pages stay',
    );
    for (const [index, page] of afterOldest.entries()) {
      if (index < 2) continue;
      assert.notEqual(page.url, oldest[index]!.url, `page ${index + 1} has a new address`);
      assert.notEqual(page.reply.headers.etag, oldest[index]!.reply.headers.etag);
      const gone = await request(service.url, `/feeds/${oldest[index]!.url.slice(FEEDS_URL.length)}`);
      assert.equal(gone.status, 404, `the old address of page ${index + 1} no longer answers`);
    }
    assert.match(afterOldest[2]!.reply.body.toString(), /Correction: an earlier version misstated the figures/);
    assert.notEqual(after[0]!.prevArchive, before[0]!.prevArchive, 'the live feed links the new newest page');
    assert.ok(!after.some((d) => d.ids.includes(retracted)), 'the retracted article is in no document');
    assertSameIds(after, publicIds(), 'site after a correction and a retraction');
    assertSameIds(await walk('', 'json'), publicIds(), 'the JSON Feed pages after a correction and a retraction');
  });
});

/** Every id of the expected list in some document of the walk, and no other id. */
function assertSameIds(documents: readonly WalkedDocument[], expected: readonly string[], what: string): void {
  const found = new Set(documents.flatMap((d) => d.ids));
  const wanted = new Set(expected);
  const missing = expected.filter((id) => !found.has(id));
  const extra = [...found].filter((id) => !wanted.has(id));
  assert.deepEqual({ missing: missing.slice(0, 5), extra: extra.slice(0, 5) }, { missing: [], extra: [] }, what);
  assert.equal(found.size, wanted.size, what);
}

function loadArticles(content: string): Article[] {
  const { site } = parseSite(readFileSync(join(content, 'site.yaml'), 'utf8'), 'site.yaml');
  return [...new ArticleLoader(content).load(site!).articles];
}

/** The record of a corpus id: "tag:corpus.example,2026:articles/2026/11/record-7" is articles/2026/11/record-7.md. */
function recordFile(content: string, id: string): string {
  return join(content, `${id.replace(/^tag:[^:]+:/, '')}.md`);
}

function writeRecord(content: string, path: string, title: string, published: number): void {
  const front = [
    '---',
    `title: ${title}`,
    `published: "${new Date(published).toISOString()}"`,
    'authors: ["Zoë Brontë"]',
  ];
  writeFileSync(join(content, path), [...front, 'categories: ["World"]', '---', '', 'Body.', ''].join('\n'));
}

/** The archive documents in the feeds folder, each with the records it holds, for the readers' checks. */
function builtArchives(root: string, articles: readonly Article[]): BuiltFeed[] {
  const out = join(root, 'feeds');
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    archives: Record<string, unknown>;
  };
  const byId = new Map(articles.map((article) => [article.id, article]));
  const formats: Record<string, FeedFormatId> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };
  return Object.keys(manifest.archives).map((path) => {
    const format = formats[path.replace(/^.*\//, '')]!;
    const text = readFileSync(join(out, path), 'utf8');
    const ids =
      format === 'json'
        ? (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((i) => i.id)
        : [
            ...text.matchAll(
              format === 'rss' ? /<guid isPermaLink="false">([^<]*)<\/guid>/g : /<entry[^>]*>\n\s*<id>([^<]*)<\/id>/g,
            ),
          ].map(([, id]) => id!);
    return {
      name: path,
      path: join(out, path),
      format,
      articles: ids.map((id) => byId.get(id)!),
      contentDir: join(root, 'content'),
    };
  });
}
