import { checkAtom, checkOpml } from './atom-rules.js';
import type { Format } from './built-feeds.js';
import { checkJsonFeed } from './json-feed.js';
import { checkRss, type Violation } from './rss-rules.js';

/** Checks one built file by its format, every rule at once. */
export async function checkFeed(text: string, name: string, format: Format): Promise<Violation[]> {
  if (format === 'rss') return checkRss(text, name);
  if (format === 'atom') return checkAtom(text, name);
  if (format === 'json') return checkJsonFeed(text, name);
  return checkOpml(text, name);
}

/** Violations one a line: "feed item 3 (id): rule: message". */
export const report = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.where}: ${v.rule}: ${v.message}`).join('\n');
