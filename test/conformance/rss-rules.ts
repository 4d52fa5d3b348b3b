import { attributes, elements, texts, type XmlElement } from '../helpers/xml.js';
import { rawElements } from './raw-xml.js';
import { checkExtensions, checkPlainText, checkUris, rootElement } from './text-rules.js';

/**
 * RSS 2.0 as the specification and the RSS Advisory Board's profile have it: the rules no npm package checks
 * offline (the only "validator" there posts feeds to the W3C service). Each broken rule is reported with the
 * feed, the item and the rule.
 */
export interface Violation {
  readonly where: string;
  readonly rule: string;
  readonly message: string;
}

const RFC822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|[+-]\d{4}|[ECMP][SD]T|Z)$/;
const EMAIL_WITH_NAME = /^[^\s@()]+@[^\s@()]+\.[^\s@()]+(?: \([^()]+\))?$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;
const KNOWN_MEDIA_MISTAKES = new Set(['image/jpg', 'image/pjpeg']);
const CHANNEL_REQUIRED = ['title', 'link', 'description'];
const IMPLICIT_PREFIXES = new Set(['xml', 'xmlns']);

export async function checkRss(xml: string, feed: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  const fail = (where: string, rule: string, message: string) =>
    violations.push({ where: `${feed}${where}`, rule, message });
  const rss = await rootElement(xml, 'rss', fail);
  if (!rss) return violations;
  const rootAttributes = rss.$ ?? {};
  if (rootAttributes.version !== '2.0')
    fail('', 'rss version', `expected version="2.0", found ${JSON.stringify(rootAttributes.version)}`);
  checkNamespaces(rss, rootAttributes, (message) => fail('', 'declared namespaces', message));
  const channels = elements(rss.channel);
  if (channels.length !== 1) {
    fail('', 'one channel', `expected exactly one <channel>, found ${channels.length}`);
    return violations;
  }
  const channel = channels[0]!;
  for (const name of CHANNEL_REQUIRED) {
    if (texts(channel[name]).length !== 1) fail(' channel', `channel ${name}`, `expected exactly one <${name}>`);
  }
  checkAbsoluteUrl(texts(channel.link)[0], (message) => fail(' channel', 'channel link', message));
  for (const name of ['pubDate', 'lastBuildDate'])
    checkDate(channel[name], (message) => fail(` channel ${name}`, 'RFC 822 date', message));
  const self = attributes(channel['atom:link']).find((link) => link.rel === 'self');
  if (!self?.href)
    fail(
      ' channel',
      'atom:link rel="self"',
      'expected an atom:link with rel="self" and the feed\'s own URL (RSS Advisory Board profile)',
    );
  for (const [index, item] of elements(channel.item).entries()) {
    const where = ` item ${index + 1} (${texts(item.guid)[0] ?? texts(item.title)[0] ?? 'no guid'})`;
    checkItem(item, (rule, message) => fail(where, rule, message));
  }
  const raw = rawElements(xml);
  checkPlainText(raw, fail);
  checkUris(raw, fail);
  checkExtensions(raw, fail);
  return violations;
}

/**
 * Elements of one meaning: an item names each at most once. The first four pairs are the W3C validator's
 * DuplicateItemSemantics (item.py); a modified date is the same meaning under two names too.
 */
const ONE_MEANING = [
  ['pubDate', 'dc:date', 'atom:published'],
  ['dcterms:modified', 'atom:updated'],
  ['guid', 'atom:id'],
  ['author', 'dc:creator'],
  ['category', 'dc:subject'],
  ['source', 'dc:source'],
];

function checkItem(item: XmlElement, fail: (rule: string, message: string) => void): void {
  if (texts(item.title).length === 0 && texts(item.description).length === 0)
    fail('title or description', 'expected a <title> or a <description>');
  for (const name of ['title', 'link', 'description', 'guid', 'pubDate', 'author', 'comments', 'source']) {
    if (texts(item[name]).length > 1)
      fail(`one ${name}`, `expected at most one <${name}>, found ${texts(item[name]).length}`);
  }
  const link = texts(item.link)[0];
  if (link !== undefined) checkAbsoluteUrl(link, (message) => fail('item link', message));
  checkDate(item.pubDate, (message) => fail('RFC 822 date', message));
  const guid = texts(item.guid)[0];
  if (guid === undefined) fail('guid', 'expected a <guid> (RSS Advisory Board profile)');
  else {
    const isPermaLink = attributes(item.guid)[0]?.isPermaLink;
    if (isPermaLink !== undefined && isPermaLink !== 'true' && isPermaLink !== 'false')
      fail('guid isPermaLink', `expected "true" or "false", found ${JSON.stringify(isPermaLink)}`);
    if (isPermaLink !== 'false')
      checkAbsoluteUrl(guid, (message) => fail('guid isPermaLink', `a permalink guid must be a URL: ${message}`));
  }
  for (const author of texts(item.author)) {
    if (!EMAIL_WITH_NAME.test(author.trim()))
      fail(
        'author is an email address',
        `expected "email@example.com (Name)", found ${JSON.stringify(author)}; use dc:creator for names`,
      );
  }
  const enclosures = attributes(item.enclosure);
  if (enclosures.length > 1) fail('at most one enclosure', `found ${enclosures.length}`);
  for (const enclosure of enclosures) {
    checkAbsoluteUrl(enclosure.url, (message) => fail('enclosure url', message));
    if (!/^[1-9]\d*$/.test(enclosure.length ?? ''))
      fail('enclosure length', `expected the size in bytes, found ${JSON.stringify(enclosure.length)}`);
    if (!MEDIA_TYPE.test(enclosure.type ?? '') || KNOWN_MEDIA_MISTAKES.has(enclosure.type ?? ''))
      fail('enclosure type', `expected a registered media type, found ${JSON.stringify(enclosure.type)}`);
  }
  for (const names of ONE_MEANING) {
    const found = names.filter((name) => item[name] !== undefined);
    if (found.length > 1) fail('one meaning, one element', `found ${found.join(' and ')}: name it once`);
  }
  if (texts(item['dc:creator']).length === 0 && texts(item.author).length === 0)
    fail('an author on every item', 'expected a <dc:creator> (or an <author> email address)');
  for (const category of attributes(item.category)) {
    if (category.domain?.trim() === '') fail('category domain', 'expected a non-empty domain');
  }
}

function checkDate(value: unknown, fail: (message: string) => void): void {
  for (const date of texts(value)) {
    if (!RFC822.test(date) || Number.isNaN(Date.parse(date)))
      fail(`expected an RFC 822 date such as "Thu, 26 Nov 2026 09:30:00 GMT", found ${JSON.stringify(date)}`);
  }
}

function checkAbsoluteUrl(value: string | undefined, fail: (message: string) => void): void {
  try {
    const url = new URL(value ?? '');
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      fail(`expected an http or https URL, found ${JSON.stringify(value)}`);
  } catch {
    fail(`expected an absolute URL, found ${JSON.stringify(value)}`);
  }
}

/** Every prefix used on an element or attribute is declared on the root (where Courier declares them all). */
function checkNamespaces(
  rss: XmlElement,
  rootAttributes: Readonly<Record<string, string>>,
  fail: (message: string) => void,
): void {
  const declared = new Set(
    Object.keys(rootAttributes)
      .filter((name) => name.startsWith('xmlns:'))
      .map((name) => name.slice(6)),
  );
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '$')
        Object.keys(value as Record<string, string>).forEach(
          (name) => name.includes(':') && used.add(name.split(':')[0]!),
        );
      else if (key !== '_') {
        if (key.includes(':')) used.add(key.split(':')[0]!);
        visit(value);
      }
    }
  };
  visit(rss);
  for (const prefix of used) {
    if (!declared.has(prefix) && !IMPLICIT_PREFIXES.has(prefix))
      fail(`the prefix "${prefix}" is used but not declared on <rss>`);
  }
}
