import { LEGACY_REFERENCES } from '../../src/model/html.js';
import { parseXml, root, type XmlElement } from '../helpers/xml.js';
import type { RawElement } from './raw-xml.js';

/**
 * Rules for the plain text and the URIs of an XML feed, as the W3C Feed Validation Service reads them
 * (github.com/w3c/feedvalidator, src/feedvalidator/validators.py: nonhtml, safeHtml, rfc2396.tag_re):
 *
 * - Plain text in a field read as HTML (RSS titles and descriptions, Atom type="html", OPML texts) must be
 *   escaped for HTML: once XML is decoded, no "<" and no "&" that begins a character reference may be left
 *   but complete references ("&lt;", "&amp;"). The validator's ContainsHTML, NotHtml and CharacterData.
 * - Plain text the validator looks into for HTML (categories, copyright, Atom type="text", names) holds no
 *   end tag, and writes "&" and "<" as hexadecimal references, as the RSS Best Practices Profile asks; the
 *   validator reads "&#x26;" as a sign that the text is plain on purpose.
 * - Every URI is ASCII (non-ASCII is percent-encoded UTF-8), and every tag: URI matches RFC 4151's grammar.
 */
export type Fail = (where: string, rule: string, message: string) => void;

/** The root element named `name` of a well-formed document; undefined, with the failure reported, otherwise. */
export async function rootElement(xml: string, name: string, fail: Fail): Promise<XmlElement | undefined> {
  let document: XmlElement;
  try {
    document = await parseXml(xml);
  } catch (error) {
    fail('', 'well-formed XML', (error as Error).message.split('\n')[0] ?? '');
    return undefined;
  }
  const found = root(document, name);
  if (!found) fail('', 'root element', `expected <${name}>`);
  return found;
}

const COMPLETE_REFERENCE = /&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g;
const MISREAD = new RegExp(`<|&(?:#|${LEGACY_REFERENCES.join('|')})`);
const END_TAG = /<\/[A-Za-z][A-Za-z0-9]*>/;
const TEXT_TYPES = new Set([undefined, 'text', 'plain']);

/** A text as it stands in a field read as HTML: whether HTML would read it otherwise than as plain text. */
export function misreadAsHtml(text: string): boolean {
  return MISREAD.test(text.replace(COMPLETE_REFERENCE, ''));
}

const HTML = { html: true, plain: false };
const PLAIN = { html: false, plain: true };
const BOTH = { html: true, plain: true };
const NEITHER = { html: false, plain: false };

/**
 * How a field is read: `html` when readers read it as HTML (so plain text in it must be escaped for HTML),
 * `plain` when the validator reads it as plain text (so it holds no markup and writes "&" as "&#x26;").
 * An RSS title is both: readers differ, and the validator takes it for plain text.
 */
function readingOf(
  path: readonly string[],
  attributes: Readonly<Record<string, string>>,
): { html: boolean; plain: boolean } {
  const [name = '', parent = ''] = [path.at(-1), path.at(-2)];
  const typed = TEXT_TYPES.has(attributes.type) ? PLAIN : attributes.type === 'html' ? HTML : NEITHER;
  if (name === 'media:description' || name === 'media:title') return typed;
  if (name === 'media:copyright') return PLAIN;
  if (path[0] === 'rss') {
    if (name === 'title' || (name === 'description' && parent === 'channel')) return BOTH;
    if (name === 'description' && parent === 'item') return HTML;
    if (name === 'category' || name === 'copyright') return PLAIN;
  }
  if (path[0] === 'feed') {
    if (['title', 'subtitle', 'summary', 'rights'].includes(name)) return typed;
    if (name === 'name' && parent === 'author') return PLAIN;
  }
  if (path[0] === 'opml' && name === 'title' && parent === 'head') return HTML;
  return NEITHER;
}

/** Where an element stands, for messages: " item 3 title", " channel description", " entry 2 summary". */
export function placeOf(path: readonly string[], counts: ReadonlyMap<string, number>): string {
  const item = path.find((name) => name === 'item' || name === 'entry');
  const place = item ? `${item} ${(counts.get(item) ?? 0) + 1}` : path[0] === 'rss' ? 'channel' : path[0];
  return ` ${place} ${path.at(-1) ?? ''}`;
}

/** Walks the elements with the number of items and entries already closed, for placeOf. */
export function eachPlaced(elements: readonly RawElement[], visit: (element: RawElement, where: string) => void): void {
  const counts = new Map<string, number>();
  for (const element of elements) {
    visit(element, placeOf(element.path, counts));
    const name = element.path.at(-1)!;
    if (name === 'item' || name === 'entry') counts.set(name, (counts.get(name) ?? 0) + 1);
  }
}

export function checkPlainText(elements: readonly RawElement[], fail: Fail): void {
  eachPlaced(elements, ({ path, attributes, raw, text }, where) => {
    if (path[0] === 'opml' && path.at(-1) === 'outline') {
      for (const name of ['text', 'title', 'description'])
        if (attributes[name] !== undefined && misreadAsHtml(attributes[name]))
          fail(`${where} ${name}`, 'plain text escaped for HTML', describe(attributes[name]));
    }
    const reading = readingOf(path, attributes);
    if (reading.html && misreadAsHtml(text)) fail(where, 'plain text escaped for HTML', describe(text));
    if (reading.plain && END_TAG.test(text))
      fail(where, 'no markup in plain text', `found ${END_TAG.exec(text)![0]} in ${JSON.stringify(text)}`);
    if (reading.plain && /&(?:amp|lt);/.test(raw))
      fail(
        where,
        'hexadecimal references in plain text',
        `write "&" and "<" as &#x26; and &#x3C; (RSS Best Practices Profile), found ${JSON.stringify(raw)}`,
      );
  });
}

const describe = (text: string) =>
  `${JSON.stringify(text)} reads otherwise as HTML: escape "<" and "&" for HTML, once more than for XML`;

const URI_ELEMENTS = new Set(['link', 'guid', 'id', 'uri', 'docs', 'comments', 'icon', 'logo']);
const URI_ATTRIBUTES = ['href', 'url', 'domain', 'scheme', 'xmlUrl', 'htmlUrl', 'src', 'ref'];
/** RFC 4151 as the validator has it (rfc2396.tag_re). */
const TAG_URI =
  /^tag:([a-z0-9\-._]+?@)?[a-z0-9.-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$/;

/** A URI is ASCII, without spaces (percent-encoded UTF-8 for the rest), and a tag: URI is RFC 4151's. */
export function checkUri(value: string, fail: (rule: string, message: string) => void): void {
  if (/[^\x21-\x7E]/.test(value))
    fail('ASCII URIs', `expected an ASCII URI (non-ASCII percent-encoded as UTF-8), found ${JSON.stringify(value)}`);
  else if (/^tag:/i.test(value) && !TAG_URI.test(value))
    fail('tag URIs', `expected a tag URI as RFC 4151 has it, found ${JSON.stringify(value)}`);
}

export function checkUris(elements: readonly RawElement[], fail: Fail): void {
  eachPlaced(elements, ({ path, attributes, text }, where) => {
    const name = path.at(-1)!;
    if (URI_ELEMENTS.has(name.replace(/^atom:/, '')) && path[0] !== 'opml' && text.trim() !== '')
      checkUri(text.trim(), (rule, message) => fail(where, rule, message));
    for (const attribute of URI_ATTRIBUTES)
      if (attributes[attribute] !== undefined)
        checkUri(attributes[attribute], (rule, message) => fail(`${where} ${attribute}`, rule, message));
  });
}

/** The namespaces Courier declares, as the W3C validator knows them (base.py's namespaces). */
const KNOWN_NAMESPACES = new Set([
  'http://www.w3.org/2005/Atom',
  'http://purl.org/rss/1.0/modules/content/',
  'http://purl.org/dc/elements/1.1/',
  'http://purl.org/dc/terms/',
  'http://search.yahoo.com/mrss/',
  // RFC 5005's, for <fh:archive/> in archive documents: in the validator's list of namespaces (base.py).
  'http://purl.org/syndication/history/1.0',
]);
/** The Media RSS elements the validator knows (media.py); Media RSS 1.5's media:status is not among them. */
const KNOWN_MEDIA = new Set(
  (
    'adult category content copyright credit description group hash keywords player rating restriction text ' +
    'thumbnail title'
  )
    .split(' ')
    .map((name) => `media:${name}`),
);

/** Every namespace declared, and every Media RSS element used, is one the validator knows. */
export function checkExtensions(elements: readonly RawElement[], fail: Fail): void {
  eachPlaced(elements, ({ path, attributes }, where) => {
    const name = path.at(-1)!;
    if (name.startsWith('media:') && !KNOWN_MEDIA.has(name))
      fail(where, 'elements the validator knows', `${name} is not an element the W3C validator knows`);
    if (path.length > 1) return;
    for (const [attribute, value] of Object.entries(attributes))
      if (attribute.startsWith('xmlns') && !KNOWN_NAMESPACES.has(value))
        fail(
          '',
          'namespaces the validator knows',
          `${attribute}="${value}" is a namespace the W3C validator does not know`,
        );
  });
}
