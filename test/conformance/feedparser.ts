import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import type { BuiltFeed } from './built-feeds.js';
import { expectedItems } from './expected.js';
import { PYTHON, run } from './tools.js';

const SCRIPT = join(ROOT, 'test/conformance/feedparser_check.py');

/** Reads the feeds with Python's feedparser (feedparser_check.py), each entry compared with its record. */
export function feedparser(feeds: ReadonlyArray<BuiltFeed & { path: string }>): {
  status: number;
  stdout: string;
  stderr: string;
} {
  const input = feeds.map((feed) => ({
    name: feed.name,
    path: feed.path,
    format: feed.format,
    items: expectedItems(feed),
  }));
  return run(PYTHON, [SCRIPT], JSON.stringify(input));
}
