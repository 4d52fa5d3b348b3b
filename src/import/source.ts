import { isMapping } from '../content/yaml.js';
import { readAtom } from './atom.js';
import { readJsonFeed } from './json.js';
import { readRss } from './rss.js';
import type { SourceFeed, Unreadable } from './types.js';
import { readWxr } from './wxr.js';
import { Namespaces, NS, parseXml } from './xml.js';

/**
 * Reads a source of any format the importer knows, told by its content (never by its name): a JSON Feed, an
 * Atom feed, an RSS 2.0 feed, or a WordPress export (RSS whose root binds WordPress's export namespace).
 */
export async function readSource(text: string): Promise<SourceFeed | Unreadable> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return readJson(trimmed);
  if (!trimmed.startsWith('<'))
    return { unreadable: 'expected an RSS, Atom or JSON feed or a WordPress export, found neither XML nor JSON' };
  const parsed = await parseXml(trimmed);
  if (!parsed.ok) return { unreadable: `expected well-formed XML, found: ${parsed.message}` };
  const { root } = parsed;
  const local = root.name.replace(/^[^:]*:/, '');
  if (local === 'feed') return readAtom(root);
  if (root.name === 'rss') {
    const wordpress = new Namespaces(root).name(NS.wp, 'wxr_version');
    return root.children.some(
      (child) =>
        typeof child !== 'string' &&
        child.children.some((inner) => typeof inner !== 'string' && inner.name === wordpress),
    )
      ? readWxr(root)
      : readRss(root);
  }
  if (local === 'RDF')
    return { unreadable: 'found RSS 1.0 (RDF), which the importer does not read; export RSS 2.0 or Atom' };
  return { unreadable: `expected <rss>, <feed> or a JSON Feed, found <${root.name}>` };
}

function readJson(text: string): SourceFeed | Unreadable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse's SyntaxError is the source's fault: reported as what was found.
    if (error instanceof SyntaxError)
      return { unreadable: `expected a JSON Feed, found invalid JSON: ${error.message}` };
    throw error;
  }
  if (
    !isMapping(data) ||
    typeof data.version !== 'string' ||
    !data.version.startsWith('https://jsonfeed.org/version/')
  ) {
    return {
      unreadable: 'expected a JSON Feed (a "version" of https://jsonfeed.org/version/1 or 1.1), found other JSON',
    };
  }
  return readJsonFeed(data);
}
