import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStringPromise } from 'xml2js';
import type { Article } from '../../src/content/types.js';
import { ItemMaker } from '../../src/model/item.js';
import { TempBuild } from '../helpers/build.js';
import { bodyReader, recordsById } from '../helpers/records.js';

type Node = Record<string, unknown>;
let items: ItemMaker;
const texts = (nodes: unknown): string[] =>
  ((nodes as unknown[] | undefined) ?? []).map((node) =>
    typeof node === 'string' ? node : String((node as Node)._ ?? ''),
  );
const first = (nodes: unknown): string | undefined => texts(nodes)[0];
const attrs = (nodes: unknown): Array<Record<string, string>> =>
  ((nodes as Node[] | undefined) ?? []).map((node) => (node.$ ?? {}) as Record<string, string>);
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

function checkRssItem(item: Node, article: Article): void {
  const model = items.itemFor(article);
  assert.equal(first(item.title), article.title);
  assert.equal(first(item.link), article.url);
  assert.equal(first(item.guid), article.id);
  assert.equal(attrs(item.guid)[0]?.isPermaLink, 'false');
  assert.equal(Date.parse(first(item.pubDate)!), seconds(article.published));
  assert.equal(
    item['dcterms:modified'] ? Date.parse(first(item['dcterms:modified'])!) : undefined,
    article.updated && seconds(article.updated),
  );
  assert.deepEqual(
    texts(item['dc:creator']),
    article.authors.map((author) => author.name),
  );
  assert.equal(item.author, undefined, 'no <author> with a bare name');
  const categories = (item.category as Node[] | undefined) ?? [];
  const inScheme = (scheme: string) =>
    categories
      .filter((node) => (node.$ as Record<string, string>).domain?.endsWith(`/${scheme}/`))
      .map((node) => String(node._));
  assert.deepEqual(inScheme('categories'), article.categories);
  assert.deepEqual(inScheme('tags'), article.tags);
  assert.deepEqual(inScheme('labels'), article.label ? [article.label] : []);
  assert.equal(first(item['content:encoded']), model.contentHtml);
  assert.equal(first(item.description), model.summary);
  assert.equal(item.enclosure, undefined);
  checkMedia(item, article);
}

function checkAtomEntry(entry: Node, article: Article): void {
  const model = items.itemFor(article);
  assert.equal(first(entry.id), article.id);
  assert.equal(first(entry.title), article.title);
  assert.equal(attrs(entry.link).find((link) => link.rel === 'alternate')?.href, article.url);
  assert.equal(Date.parse(first(entry.published)!), seconds(article.published));
  assert.equal(Date.parse(first(entry.updated)!), seconds(article.updated ?? article.published));
  assert.deepEqual(
    (entry.author as Node[]).map((author) => first(author.name)),
    article.authors.map((author) => author.name),
  );
  const terms = attrs(entry.category)
    .filter((category) => category.scheme?.endsWith('/categories/'))
    .map((category) => category.term);
  assert.deepEqual(terms, article.categories);
  assert.ok(
    attrs(entry.category).every((category) => category.term),
    'every category has a term',
  );
  assert.equal(first(entry.content), model.contentHtml);
  assert.equal(attrs(entry.content)[0]?.type, 'html');
  assert.equal(first(entry.summary), model.summary);
  checkMedia(entry, article);
}

function checkMedia(node: Node, article: Article): void {
  const media = node['media:content'] as Node[] | undefined;
  if (!article.image) return assert.equal(media, undefined);
  assert.equal(media?.length, 1);
  const [content] = media;
  assert.equal(attrs(media)[0]?.url, article.image.url);
  assert.equal(attrs(media)[0]?.type, article.image.type);
  assert.equal(first(content!['media:credit']), article.image.credit);
  assert.equal(first(content!['media:description']), article.image.caption ?? article.image.alt);
}

describe('every XML file the build writes, parsed back with xml2js', () => {
  let build: TempBuild;
  let records: Map<string, Article>;
  const xmlFiles: string[] = [];
  before(async () => {
    build = new TempBuild();
    await build.build();
    records = recordsById(build.content);
    items = new ItemMaker(bodyReader(build.content));
    const walk = (dir: string, prefix = ''): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else if (/\.(xml|opml)$/.test(entry.name)) xmlFiles.push(prefix + entry.name);
      }
    };
    walk(build.out);
  });
  after(() => build.remove());

  it('finds feeds for the site, every category and every author', () => {
    assert.ok(
      xmlFiles.includes('rss.xml') &&
        xmlFiles.includes('categories/world/atom.xml') &&
        xmlFiles.includes('authors/nasrin-karimi/rss.xml'),
    );
    assert.ok(!xmlFiles.some((file) => file.includes('drafts-only')), 'a category only a draft names has no feed');
  });

  it('are well-formed and hold every item as the records say', async () => {
    assert.ok(xmlFiles.length > 20);
    for (const file of xmlFiles) {
      const xml = readFileSync(join(build.out, file), 'utf8');
      const document = (await parseStringPromise(xml, { strict: true }).catch((error: Error) =>
        assert.fail(`${file}: ${error.message}`),
      )) as Node;
      const items = document.rss
        ? ((document.rss as Node).channel as Node[])[0]!.item
        : document.feed
          ? (document.feed as Node).entry
          : undefined;
      for (const item of (items as Node[] | undefined) ?? []) {
        const id = first(document.rss ? item.guid : item.id)!;
        const article = records.get(id);
        assert.ok(article, `${file}: an item with an unknown id ${id}`);
        assert.equal(article.status, 'published', `${file}: ${id} must not be in a public feed`);
        try {
          (document.rss ? checkRssItem : checkAtomEntry)(item, article);
        } catch (error) {
          (error as Error).message = `${file}: ${id}: ${(error as Error).message}`;
          throw error;
        }
      }
    }
  });

  it('keep "]]>" twice, control characters out, and emoji and Arabic script whole', () => {
    const rss = readFileSync(join(build.out, 'rss.xml'), 'utf8');
    assert.match(rss, /A body with \]\]&amp;gt; once and \]\]&amp;gt; twice/);
    assert.doesNotMatch(rss, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    assert.match(rss, /🚀🏳️‍🌈/);
    assert.match(rss, /مرحبا بالعالم العربي/);
  });
});
