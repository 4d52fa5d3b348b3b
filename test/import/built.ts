import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { courier } from '../cli/courier.js';
import { TempContent } from '../helpers/content.js';
import { parseJsonFeed } from '../helpers/json-feed.js';
import { attributes, elements, firstText, parseXml, root, texts, type XmlElement } from '../helpers/xml.js';

/** What subscribers key an item by and see of it, as one format of the built site feed says it. */
export interface BuiltItem {
  readonly id: string;
  readonly title: string;
  readonly published: number;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
}

/** The site feed's items in each format, as the build wrote them to `out`. */
export async function builtItems(out: string): Promise<Record<'rss' | 'atom' | 'json', BuiltItem[]>> {
  const read = (file: string) => readFileSync(join(out, file), 'utf8');
  const rss = root(await parseXml(read('rss.xml')), 'rss');
  const channel = elements(rss?.channel)[0];
  const atom = root(await parseXml(read('atom.xml')), 'feed');
  const json = parseJsonFeed(read('feed.json'));
  return {
    rss: elements(channel?.item).map((item) => ({
      id: firstText(item.guid) ?? '',
      title: firstText(item.title) ?? '',
      published: Date.parse(firstText(item.pubDate) ?? ''),
      authors: texts(item['dc:creator']),
      categories: inScheme(item.category, 'domain', '/categories/'),
    })),
    atom: elements(atom?.entry).map((entry) => ({
      id: firstText(entry.id) ?? '',
      title: firstText(entry.title) ?? '',
      published: Date.parse(firstText(entry.published) ?? ''),
      authors: elements(entry.author).map((author) => firstText(author.name) ?? ''),
      categories: attributes(entry.category)
        .filter((category) => category.scheme?.endsWith('/categories/'))
        .map((category) => category.term ?? ''),
    })),
    json: json.items.map((item) => ({
      id: item.id,
      title: item.title,
      published: Date.parse(item.date_published),
      authors: (item.authors ?? []).map((author) => author.name),
      categories: item._courier.categories ?? [],
    })),
  };
}

function inScheme(children: unknown, attribute: string, suffix: string): string[] {
  return elements(children)
    .filter((element: XmlElement) => element.$?.[attribute]?.endsWith(suffix))
    .map((element) => element._ ?? '');
}

/** A temporary content folder (the test site) into which `courier import` writes and `courier build` reads. */
export class ImportSite extends TempContent {
  import(...args: string[]) {
    return courier(['import', ...args, '--content', this.content]);
  }

  async build() {
    const run = await courier([
      'build',
      '--content',
      this.content,
      '--out',
      this.out,
      '--state',
      join(this.root, 'state'),
    ]);
    if (run.status !== 0) throw new Error(`courier build failed:\n${run.stdout}${run.stderr}`);
    return builtItems(this.out);
  }
}
