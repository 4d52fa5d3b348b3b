import { elements, texts } from '../helpers/xml.js';
import { rawElements } from './raw-xml.js';
import type { Violation } from './rss-rules.js';
import { checkExtensions, checkPlainText, checkUris, rootElement, type Fail } from './text-rules.js';

/**
 * What RFC 4287's grammar (atom-schema.test.ts) cannot say of an Atom feed: plain text as the validator reads
 * it, ASCII URIs and tag URIs, and an author on every entry (RFC 4287 lets one on the feed stand in; readers
 * such as feedparser, gofeed and newsboat still want one per entry).
 */
export async function checkAtom(xml: string, feed: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  const fail: Fail = (where, rule, message) => violations.push({ where: `${feed}${where}`, rule, message });
  const atom = await rootElement(xml, 'feed', fail);
  if (!atom) return violations;
  plausible(texts(atom.updated)[0], (message) => fail(' feed updated', 'plausible dates', message));
  for (const [index, entry] of elements(atom.entry).entries()) {
    const where = ` entry ${index + 1} (${texts(entry.id)[0] ?? 'no id'})`;
    if (elements(entry.author).length === 0) fail(where, 'an author on every item', 'expected an <author>');
    for (const name of ['published', 'updated'])
      plausible(texts(entry[name])[0], (message) => fail(`${where} ${name}`, 'plausible dates', message));
  }
  const raw = rawElements(xml);
  checkPlainText(raw, fail);
  checkUris(raw, fail);
  checkExtensions(raw, fail);
  return violations;
}

/** OPML 2.0 as the validator reads it: texts and titles may be read as HTML; URLs are ASCII. */
export function checkOpml(xml: string, feed: string): Violation[] {
  const violations: Violation[] = [];
  const fail: Fail = (where, rule, message) => violations.push({ where: `${feed}${where}`, rule, message });
  const raw = rawElements(xml);
  if (raw.at(-1)?.path.join('/') !== 'opml') fail('', 'root element', 'expected <opml>');
  checkPlainText(raw, fail);
  checkUris(raw, fail);
  return violations;
}

/** The W3C validator calls a date before 1990 implausible (validators.py, implausible_8601): "never" is no date. */
function plausible(date: string | undefined, fail: (message: string) => void): void {
  if (date !== undefined && date < '1990-01-01') fail(`expected a date of the content, found ${date}`);
}
