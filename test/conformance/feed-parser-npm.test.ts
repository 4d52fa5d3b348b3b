import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseFeed } from '@rowanmanning/feed-parser';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { expectedItems, type ExpectedItem } from './expected.js';

const VERSION = (createRequire(import.meta.url)('@rowanmanning/feed-parser/package.json') as { version: string })
  .version;
type ParsedItem = ReturnType<typeof parseFeed>['items'][number];

const plain = (html: string | null) =>
  (html ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

function compare(item: ParsedItem, expected: ExpectedItem, where: string): string[] {
  const problems: string[] = [];
  const expect = (field: string, wanted: unknown, found: unknown) => {
    if (JSON.stringify(wanted) !== JSON.stringify(found))
      problems.push(`${where}: ${field}: expected ${JSON.stringify(wanted)}, found ${JSON.stringify(found)}`);
  };
  expect('id', expected.id, item.id);
  expect('title', expected.title, item.title);
  expect('link', expected.url, item.url);
  if (expected.killed) return problems;
  expect('published', expected.published, seconds(item.published));
  if (expected.updated !== null) expect('updated', expected.updated, seconds(item.updated));
  // This reader takes "Name <address>" apart, so a name holding angle brackets loses them: compare without.
  const withoutAddress = (name: string | null) => (name ?? '').replace(/\s*<[^>]*>/g, '');
  expect(
    'authors',
    expected.authors.map(withoutAddress),
    item.authors.map((author) => withoutAddress(author.name)),
  );
  const categories = item.categories.map((category) => category.label ?? category.term);
  for (const category of expected.categories) {
    if (!categories.includes(category))
      problems.push(`${where}: categories: expected ${JSON.stringify(category)} among ${JSON.stringify(categories)}`);
  }
  // This reader decodes entities in HTML content once more, so "&lt;" arrives as a bare "<" that reads as
  // markup: compare without the three characters that markup and entities are made of.
  const bare = (text: string) => text.replace(/[<>&]/g, '').replace(/\s+/g, ' ');
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

describe(`every RSS and Atom feed, read by @rowanmanning/feed-parser ${VERSION}`, () => {
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  before(async () => ({ feeds, remove } = await buildAllFeeds()));
  after(() => remove?.());

  it('holds each record as it is', () => {
    const xmlFeeds = feeds.filter((feed) => feed.format === 'rss' || feed.format === 'atom');
    assert.ok(xmlFeeds.length > 40);
    const problems = xmlFeeds.flatMap((feed) => {
      const parsed = parseFeed(readFileSync(feed.path, 'utf8'));
      const expected = expectedItems(feed);
      if (parsed.items.length !== expected.length)
        return [`${feed.name}: items: expected ${expected.length}, found ${parsed.items.length}`];
      return parsed.items.flatMap((item, index) =>
        compare(item, expected[index]!, `${feed.name} item ${index + 1} (${expected[index]!.id})`),
      );
    });
    assert.equal(problems.join('\n'), '');
  });
});
