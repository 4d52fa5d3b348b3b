import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { BuiltFeed } from './built-feeds.js';
import { expectedItems, type ExpectedItem } from './expected.js';
import { unescapeHtml } from '../helpers/html-text.js';

export const VERSION = (createRequire(import.meta.url)('@rowanmanning/feed-parser/package.json') as { version: string })
  .version;
type ParsedItem = ReturnType<typeof parseFeed>['items'][number];

/** A tag: "<" and a name. A "<" before a space or a digit is text, which this reader may hand back bare. */
const TAG = /<\/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?\/?>/g;

const plain = (html: string | null) =>
  unescapeHtml((html ?? '').replace(TAG, ' '))
    .replace(/\s+/g, ' ')
    .trim();
/** Text escaped for HTML, as HTML reads it. */
const fromHtml = (text: string | null) => (text === null ? text : unescapeHtml(text));
const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

function compare(item: ParsedItem, expected: ExpectedItem, where: string, format: string): string[] {
  const problems: string[] = [];
  const expect = (field: string, wanted: unknown, found: unknown) => {
    if (JSON.stringify(wanted) !== JSON.stringify(found))
      problems.push(`${where}: ${field}: expected ${JSON.stringify(wanted)}, found ${JSON.stringify(found)}`);
  };
  expect('id', expected.id, item.id);
  // This reader takes every title as text. RSS titles are read as HTML by most readers, so a title that HTML
  // would misread ("<b>", "&amp;") is sent escaped for HTML, and reaches this reader escaped: read it as HTML.
  expect('title', expected.title, format === 'rss' ? fromHtml(item.title) : item.title);
  expect('link', expected.url, item.url);
  // This reader takes "Name <address>" apart, so a name holding angle brackets loses them: compare without.
  const withoutAddress = (name: string | null) => (name ?? '').replace(/\s*<[^>]*>/g, '');
  expect(
    'authors',
    expected.authors.map(withoutAddress),
    item.authors.map((author) => withoutAddress(author.name)),
  );
  if (expected.killed) return problems;
  expect('published', expected.published, seconds(item.published));
  // In RSS this reader reads the modified date only from dc:date, which beside pubDate names one date twice
  // (the W3C validator's DuplicateItemSemantics): RSS carries it as dcterms:modified, which it does not read.
  if (expected.updated !== null && format !== 'rss') expect('updated', expected.updated, seconds(item.updated));
  const categories = item.categories.map((category) => category.label ?? category.term);
  for (const category of expected.categories) {
    if (!categories.includes(category))
      problems.push(`${where}: categories: expected ${JSON.stringify(category)} among ${JSON.stringify(categories)}`);
  }
  // This reader decodes entities in HTML content once more, so "&lt;" arrives as a bare "<" that reads as
  // markup: compare without tags and the three characters that markup and entities are made of.
  const bare = (text: string) => text.replace(TAG, ' ').replace(/[<>&]/g, '').replace(/\s+/g, ' ').trim();
  if (!bare(plain(item.content)).includes(bare(expected.text)))
    problems.push(`${where}: content: expected it to contain ${JSON.stringify(expected.text)}`);
  if (expected.image)
    expect(
      'media url',
      [expected.image.url],
      item.media.map((media) => media.url),
    );
  return problems;
}

/** Reads each XML feed with @rowanmanning/feed-parser and compares every item with its record: the problems. */
export function readWithFeedParserNpm(feeds: readonly BuiltFeed[]): string[] {
  return feeds.flatMap((feed) => {
    const parsed = parseFeed(readFileSync(feed.path, 'utf8'));
    const expected = expectedItems(feed);
    if (parsed.items.length !== expected.length)
      return [`${feed.name}: items: expected ${expected.length}, found ${parsed.items.length}`];
    return parsed.items.flatMap((item, index) =>
      compare(item, expected[index]!, `${feed.name} item ${index + 1} (${expected[index]!.id})`, feed.format),
    );
  });
}
