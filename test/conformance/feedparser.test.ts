import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { feedparser } from './feedparser.js';
import { requirePythonModule } from './tools.js';

describe("every feed, read by Python's feedparser", () => {
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  before(async () => {
    requirePythonModule('feedparser', 'python3-feedparser');
    ({ feeds, remove } = await buildAllFeeds());
  });
  after(() => remove?.());

  // Debian's feedparser (6.0.10) reads RSS and Atom; JSON Feed support came in a later release.
  it('reads every RSS and Atom feed without a bozo flag, each entry as its record says', () => {
    const readable = feeds.filter((feed) => feed.format === 'rss' || feed.format === 'atom');
    const result = feedparser(readable);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.match(result.stderr, new RegExp(`: ${readable.length} feeds read`));
  });

  it('fails, naming the feed, when a feed is broken on purpose', () => {
    const dir = mkdtempSync(join(tmpdir(), 'courier-feedparser-'));
    try {
      const site = feeds.find((feed) => feed.name === 'sample:rss.xml')!;
      const path = join(dir, 'rss.xml');
      writeFileSync(path, readFileSync(site.path, 'utf8').replace('<title>', '<title><unclosed>'));
      const result = feedparser([{ ...site, name: 'broken:rss.xml', path }]);
      assert.equal(result.status, 1);
      assert.match(result.stdout, /^broken:rss\.xml: bozo: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
