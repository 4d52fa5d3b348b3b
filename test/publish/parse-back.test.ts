import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/content/types.js';
import { errorMessage } from '../../src/lib/errors.js';
import { ItemMaker } from '../../src/model/item.js';
import { TempBuild } from '../helpers/build.js';
import { bodyReader, recordsById } from '../helpers/records.js';
import { attributes, elements, firstText, parseXml, root, texts, type XmlElement } from '../helpers/xml.js';
import { unescapeHtml } from '../helpers/html-text.js';

let items: ItemMaker;
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
/** HTML's reading of text escaped for it: RSS titles and descriptions are read as HTML, as is Atom's type="html". */
const fromHtml = (text: string | undefined) => (text === undefined ? text : unescapeHtml(text));
/** A text construct as its type says to read it. */
const asTyped = (children: unknown) =>
  attributes(children)[0]?.type === 'html' ? fromHtml(firstText(children)) : firstText(children);

function checkRssItem(item: XmlElement, article: Article): void {
  const model = items.itemFor(article);
  assert.equal(fromHtml(firstText(item.title)), article.title);
  assert.equal(firstText(item.link), article.url);
  assert.equal(firstText(item.guid), article.id);
  assert.equal(attributes(item.guid)[0]?.isPermaLink, 'false');
  assert.equal(Date.parse(firstText(item.pubDate)!), seconds(article.published));
  assert.equal(
    item['dcterms:modified'] ? Date.parse(firstText(item['dcterms:modified'])!) : undefined,
    article.updated && seconds(article.updated),
  );
  assert.deepEqual(
    texts(item['dc:creator']),
    article.authors.map((author) => author.name),
  );
  assert.equal(item.author, undefined, 'no <author> with a bare name');
  const inScheme = (scheme: string) =>
    elements(item.category)
      .filter((category) => category.$?.domain?.endsWith(`/${scheme}/`))
      .map((category) => category._);
  assert.deepEqual(inScheme('categories'), article.categories);
  assert.deepEqual(inScheme('tags'), article.tags);
  assert.deepEqual(inScheme('labels'), article.label ? [article.label] : []);
  assert.equal(firstText(item['content:encoded']), model.contentHtml);
  assert.equal(fromHtml(firstText(item.description)), model.summary);
  assert.equal(item.enclosure, undefined);
  checkMedia(item, article);
}

function checkAtomEntry(entry: XmlElement, article: Article): void {
  const model = items.itemFor(article);
  assert.equal(firstText(entry.id), article.id);
  assert.equal(asTyped(entry.title), article.title);
  assert.equal(attributes(entry.link).find((link) => link.rel === 'alternate')?.href, article.url);
  assert.equal(Date.parse(firstText(entry.published)!), seconds(article.published));
  assert.equal(Date.parse(firstText(entry.updated)!), seconds(article.updated ?? article.published));
  assert.deepEqual(
    elements(entry.author).map((author) => firstText(author.name)),
    article.authors.map((author) => author.name),
  );
  const terms = attributes(entry.category)
    .filter((category) => category.scheme?.endsWith('/categories/'))
    .map((category) => category.term);
  assert.deepEqual(terms, article.categories);
  assert.ok(
    attributes(entry.category).every((category) => category.term),
    'every category has a term',
  );
  assert.equal(firstText(entry.content), model.contentHtml);
  assert.equal(attributes(entry.content)[0]?.type, 'html');
  assert.equal(asTyped(entry.summary), model.summary);
  checkMedia(entry, article);
}

function checkMedia(node: XmlElement, article: Article): void {
  if (!article.image) return assert.equal(node['media:content'], undefined);
  const media = elements(node['media:content']);
  assert.equal(media.length, 1);
  const content = media[0]!;
  const { url, type } = content.$ ?? {};
  assert.equal(url, article.image.url);
  assert.equal(type, article.image.type);
  assert.equal(firstText(content['media:credit']), article.image.credit);
  assert.equal(asTyped(content['media:description']), article.image.caption ?? article.image.alt);
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
      const document = await parseXml(xml).catch((error: unknown) => assert.fail(`${file}: ${errorMessage(error)}`));
      const rss = root(document, 'rss');
      const items = rss ? elements(elements(rss.channel)[0]!.item) : elements(root(document, 'feed')?.entry);
      for (const item of items) {
        const id = firstText(rss ? item.guid : item.id)!;
        const article = records.get(id);
        assert.ok(article, `${file}: an item with an unknown id ${id}`);
        assert.equal(article.status, 'published', `${file}: ${id} must not be in a public feed`);
        try {
          (rss ? checkRssItem : checkAtomEntry)(item, article);
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
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: the test looks for them
    assert.doesNotMatch(rss, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    assert.match(rss, /🚀🏳️‍🌈/);
    assert.match(rss, /مرحبا بالعالم العربي/);
  });
});
