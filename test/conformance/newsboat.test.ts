import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/content/types.js';
import type { RunningService } from '../../src/service/service-types.js';
import { TempBuild } from '../helpers/build.js';
import type { RecordingLogger } from '../helpers/log.js';
import { ROOT } from '../helpers/paths.js';
import { startTestService } from '../helpers/service.js';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { expectedItem } from './expected.js';
import { PYTHON, requireTool, run, runAsync } from './tools.js';
import { unescapeHtml } from '../helpers/html-text.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const FEEDS = ['rss.xml', 'atom.xml', 'categories/middle-east/rss.xml', 'authors/jonas-berg/atom.xml'];
/** newsboat 2.21 sends its first conditional request on its third fetch. */
const FETCHES = 4;

interface CachedItem {
  guid: string;
  title: string;
  author: string;
  url: string;
  pubDate: number;
  content: string;
}

const plain = (html: string) =>
  unescapeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** Fetches one feed with newsboat, FETCHES times, each feed in a cache of its own (newsboat merges GUIDs). */
async function newsboatReload(url: string): Promise<CachedItem[]> {
  const home = mkdtempSync(join(tmpdir(), 'courier-newsboat-'));
  try {
    writeFileSync(join(home, 'urls'), `${url}\n`);
    writeFileSync(join(home, 'config'), 'reload-threads 1\ndownload-retries 1\ndownload-timeout 10\n');
    for (let fetch = 0; fetch < FETCHES; fetch += 1) {
      const result = await runAsync(
        'newsboat',
        ['-u', join(home, 'urls'), '-c', join(home, 'cache.db'), '-C', join(home, 'config'), '-x', 'reload'],
        { HOME: home },
      );
      assert.equal(result.status, 0, `newsboat -x reload: ${result.stderr}`);
    }
    const cache = run(PYTHON, [join(ROOT, 'test/conformance/newsboat_cache.py'), join(home, 'cache.db')]);
    assert.equal(cache.status, 0, cache.stderr);
    return JSON.parse(cache.stdout) as CachedItem[];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

describe('newsboat, a real feed reader, polling the running server on 127.0.0.1', () => {
  let service: RunningService | undefined;
  let build: TempBuild | undefined;
  let log: RecordingLogger;
  let built: BuiltFeed[];
  let removeBuilt: (() => void) | undefined;
  before(async () => {
    requireTool('newsboat');
    requireTool('python3');
    ({ service, build, log } = await startTestService(new TempBuild(join(ROOT, 'content')), NOW, {
      COURIER_ACCESS_LOG: '1',
    }));
    ({ feeds: built, remove: removeBuilt } = await buildAllFeeds());
  });
  after(async () => {
    await service?.close();
    build?.remove();
    removeBuilt?.();
  });

  for (const path of FEEDS) {
    it(`loads every item of /feeds/${path} as its record says, then polls it conditionally and gets 304`, async () => {
      const articles: readonly Article[] = built.find((feed) => feed.name === `sample:${path}`)!.articles!;
      const items = await newsboatReload(new URL(`feeds/${path}`, service!.url).href);
      assert.deepEqual(items.map((item) => item.guid).sort(), articles.map((article) => article.id).sort());
      for (const article of articles) {
        const expected = expectedItem(article, build!.content);
        const item = items.find((candidate) => candidate.guid === article.id)!;
        const where = `/feeds/${path} ${article.id}`;
        assert.equal(item.title, expected.title, where);
        assert.equal(item.url, expected.url, where);
        // newsboat 2.21 keeps only the last of repeated RSS dc:creator elements (each one overwrites the
        // last); from Atom it keeps every author. Repeated dc:creator is what Dublin Core prescribes.
        assert.equal(
          item.author,
          path.endsWith('rss.xml') ? expected.authors.at(-1) : expected.authors.join(', '),
          where,
        );
        assert.ok([expected.published, expected.updated].includes(item.pubDate), `${where}: date ${item.pubDate}`);
        assert.ok(
          plain(item.content).includes(expected.text),
          `${where}: content lacks ${JSON.stringify(expected.text)}`,
        );
        if (expected.image)
          assert.ok(
            item.content.includes(expected.image.url.replace(/&/g, '&amp;')) ||
              item.content.includes(expected.image.url),
            `${where}: no image`,
          );
      }
      const polls = log.requests().filter((entry) => entry.fields.path === `/feeds/${path}`);
      assert.equal(polls.length, FETCHES, log.text());
      const [first, last] = [polls[0]!.fields, polls.at(-1)!.fields];
      assert.deepEqual([first.status, first.conditional], [200, false]);
      assert.deepEqual([last.status, last.conditional], [304, true]);
      for (const poll of [first, last]) assert.match(String(poll.userAgent), /^newsboat\//);
    });
  }
});
