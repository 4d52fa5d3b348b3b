import { parseStringPromise } from 'xml2js';
import { withContext } from '../lib/errors.js';

/** An XML element as the importer reads it: its qualified name, attributes and children in document order. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlChild[];
}

/** Text (and CDATA) is a string; elements are XmlElements. */
export type XmlChild = XmlElement | string;

/** xml2js's node with explicitChildren and charsAsChildren: `#name`, attributes `$`, text `_`, children `$$`. */
interface RawNode {
  readonly '#name': string;
  readonly $?: Record<string, string>;
  readonly _?: string;
  readonly $$?: RawNode[];
}

/** The XML's root element, or the parser's refusal (a message with its line) as data. */
export type ParsedXml = { ok: true; root: XmlElement } | { ok: false; message: string };

/**
 * Parses XML with xml2js (sax, strict): no DTD is read and no external entity is fetched, so an export cannot
 * make the importer read a file or the network. Children keep their order, which XHTML content needs.
 */
export async function parseXml(text: string): Promise<ParsedXml> {
  let raw: Record<string, RawNode> | null;
  try {
    raw = (await parseStringPromise(text, {
      explicitChildren: true,
      preserveChildrenOrder: true,
      charsAsChildren: true,
      includeWhiteChars: true,
      explicitRoot: true,
      trim: false,
      normalize: false,
    })) as Record<string, RawNode> | null;
  } catch (error) {
    // sax's errors are the file's: not well-formed XML, reported to the user as the source's problem.
    if (error instanceof Error) return { ok: false, message: error.message.replace(/\s*\n\s*/g, ', ') };
    throw withContext('parsing XML', error);
  }
  const [name, node] = Object.entries(raw ?? {})[0] ?? [];
  if (name === undefined || node === undefined) return { ok: false, message: 'no root element' };
  return { ok: true, root: toElement({ ...node, '#name': name }) };
}

function toElement(node: RawNode): XmlElement {
  const children = (node.$$ ?? []).map((child): XmlChild =>
    child['#name'].startsWith('__') ? (child._ ?? '') : toElement(child),
  );
  if (children.length === 0 && node._ !== undefined) children.push(node._);
  return { name: node['#name'], attrs: node.$ ?? {}, children };
}

/** The child elements of one name. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

/** The element's own text (text and CDATA children, joined), or undefined when it has none. */
export function textOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const text = element.children.filter((child) => typeof child === 'string').join('');
  return text.trim() === '' ? undefined : text;
}

/** The text of the first child of that name, trimmed; undefined when absent or empty. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  return textOf(childNamed(element, name))?.trim();
}

/** The element's children written back as XML (XHTML content), text escaped. */
export function innerXml(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? escapeXml(child) : outerXml(child))).join('');
}

function outerXml(element: XmlElement): string {
  const name = element.name.replace(/^[^:]*:/, '');
  const attrs = Object.entries(element.attrs)
    .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
    .map(([key, value]) => ` ${key.replace(/^[^:]*:/, '')}="${escapeXml(value)}"`)
    .join('');
  return `<${name}${attrs}>${innerXml(element)}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The prefixes the document binds on its root element, by namespace URI: RSS extensions (content:, dc:,
 * media:, wp:) are found by their namespace, whatever prefix a generator chose.
 */
export class Namespaces {
  private readonly prefixes = new Map<string, string>();

  constructor(root: XmlElement) {
    for (const [key, value] of Object.entries(root.attrs)) {
      if (key.startsWith('xmlns:')) this.prefixes.set(value.replace(/\/$/, ''), key.slice('xmlns:'.length));
    }
  }

  /** The qualified name of `local` in the namespace `uri`, or in `uri` followed by a version ("…/export/1.2"). */
  name(uri: string, local: string): string {
    const wanted = uri.replace(/\/$/, '');
    let prefix = this.prefixes.get(wanted);
    if (prefix === undefined) {
      for (const [bound, candidate] of this.prefixes) {
        if (bound.startsWith(wanted) && /^\/?\d+(\.\d+)*$/.test(bound.slice(wanted.length))) prefix ??= candidate;
      }
    }
    return `${prefix ?? '\0'}:${local}`;
  }
}

export const NS = {
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  atom: 'http://www.w3.org/2005/Atom',
  /** WordPress's export namespace (…/export/1.0/, 1.1/, 1.2/): matched by its start. */
  wp: 'http://wordpress.org/export',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
} as const;
