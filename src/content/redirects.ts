import type { FieldReader } from './fields.js';
import { describeValue } from './problem.js';
import { isMapping } from './yaml.js';

/** An old feed address on this host, answered 301 with the feed it moved to. */
export interface Redirect {
  /** The old path, e.g. "/feed/"; matched with or without its trailing slash. */
  readonly from: string;
  /** A Courier feed, as a path under feeds_url: "rss.xml", "categories/world/atom.xml". */
  readonly to: string;
}

/**
 * The addresses other generators publish their feeds at (WordPress, Ghost, Hugo, Jekyll, Blogger's and
 * Medium's habits), each sent to the site feed in the same format. On unless site.yaml says `redirects: false`.
 */
export const DEFAULT_REDIRECTS: readonly Redirect[] = [
  ...['/feed/', '/feed/rss/', '/feed/rss2/', '/rss/', '/rss.xml', '/feed.xml', '/index.xml', '/rss2/'].map((from) => ({
    from,
    to: 'rss.xml',
  })),
  ...['/feed/atom/', '/atom/', '/atom.xml', '/index.atom'].map((from) => ({ from, to: 'atom.xml' })),
  ...['/feed.json', '/feed/json/', '/index.json'].map((from) => ({ from, to: 'feed.json' })),
];

/**
 * A Courier feed's path under feeds_url: a feed file of the site, a category or an author (the file names of
 * render/formats.ts, which content may not import; test/content/redirects.test.ts holds the two lists equal).
 * Only these are permanent, so only these may be the target of a permanent redirect.
 */
export const FEED_TARGET = /^(?:(?:categories|authors)\/[^/?#\s]+\/)?(?:rss\.xml|atom\.xml|feed\.json)$/;

/** Paths Courier answers itself, which no redirect may take over. */
const OWN_PATHS = /^\/(?:$|feeds(?:\/|$)|partners(?:\/|$)|healthz$|metrics$|stats$)/;

/**
 * The `redirects` setting: absent or true for the defaults, false for none, or a mapping of old paths to
 * feed paths (relative to feeds_url, or absolute URLs under it), which then replaces the defaults.
 */
export function readRedirects(read: FieldReader, field: string, feedsUrl: string | undefined): readonly Redirect[] {
  const value = read.present(field);
  if (value === undefined || value === true) return DEFAULT_REDIRECTS;
  if (value === false) return [];
  if (!isMapping(value)) {
    read.fail(field, `expected true, false or a mapping of old paths to feeds, found ${describeValue(value)}`);
    return [];
  }
  const redirects: Redirect[] = [];
  for (const [from, target] of Object.entries(value)) {
    const to = feedPath(target, feedsUrl);
    if (!/^\/[^?#\s]*$/.test(from) || OWN_PATHS.test(from)) {
      read.fail(`${field}.${from}`, 'expected an old path such as /feed/ (not /, /feeds/…, /partners/…, /healthz)');
    } else if (to === undefined) {
      const expected = 'expected a Courier feed such as rss.xml or categories/world/atom.xml';
      read.fail(`${field}.${from}`, `${expected}, found ${describeValue(target)}`);
    } else redirects.push({ from, to });
  }
  return redirects;
}

/** A target as a path under feeds_url, or undefined when it is no Courier feed. */
function feedPath(target: unknown, feedsUrl: string | undefined): string | undefined {
  if (typeof target !== 'string') return undefined;
  const path = feedsUrl !== undefined && target.startsWith(feedsUrl) ? target.slice(feedsUrl.length) : target;
  return FEED_TARGET.test(path) ? path : undefined;
}

/** The lookup key of a path: without its trailing slash, so that /feed and /feed/ are one. */
export function redirectKey(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
