import assert from 'node:assert/strict';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { readWithFeedParserNpm, VERSION } from './feed-parser-npm.js';

describe(`every RSS and Atom feed, read by @rowanmanning/feed-parser ${VERSION}`, () => {
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  before(async () => ({ feeds, remove } = await buildAllFeeds()));
  after(() => remove?.());

  it('holds each record as it is', () => {
    const xmlFeeds = feeds.filter((feed) => feed.format === 'rss' || feed.format === 'atom');
    assert.ok(xmlFeeds.length > 40);
    assert.equal(readWithFeedParserNpm(xmlFeeds).join('\n'), '');
  });
});
