import type { Article } from '../content/types.js';
import { byNewest } from './plan.js';

/**
 * RFC 5005 §4 archives: which archive documents a feed has and what each holds. A feed's public articles are
 * counted from its oldest and cut into pages of ARCHIVE_PAGE_ITEMS: page 1 holds the oldest 50, page 2 the next
 * 50, and so on, so a new article only ever joins the newest page (or opens the next one) and no full page's
 * membership changes as articles arrive. The newest page, while it is not full, is the newest articles of the
 * feed: the live feed holds them (while it holds at least 49 items), so that page is published only when the
 * live feed does not hold all of it. See docs/decisions.md, "Archived feeds".
 */
export const ARCHIVE_PAGE_ITEMS = 50;

/** The folder every archive document of a feed lives in, under the feed's own folder. */
export const ARCHIVE_FOLDER = 'archive/';

/** One archive page of one feed. */
export interface ArchivePage {
  /** The page's name within its feed: its number counted from the oldest, e.g. "p1". */
  readonly key: string;
  /** Its articles, newest first, as in every feed document. */
  readonly articles: readonly Article[];
}

/**
 * The pages a feed publishes, oldest first: every full page, and the newest page while it is not full only when
 * the live feed does not hold all of its articles. `all` is every public article of the feed, `live` the ones
 * its live feed holds.
 */
export function archivePages(all: readonly Article[], live: readonly Article[]): ArchivePage[] {
  const oldestFirst = [...all].sort((a, b) => byNewest(b, a));
  const pages: ArchivePage[] = [];
  for (let start = 0; start < oldestFirst.length; start += ARCHIVE_PAGE_ITEMS) {
    const members = oldestFirst.slice(start, start + ARCHIVE_PAGE_ITEMS).reverse();
    pages.push({ key: `p${start / ARCHIVE_PAGE_ITEMS + 1}`, articles: members });
  }
  const newest = pages.at(-1);
  if (newest && newest.articles.length < ARCHIVE_PAGE_ITEMS) {
    const inLive = new Set(live);
    if (newest.articles.every((article) => inLive.has(article))) pages.pop();
  }
  return pages;
}

/**
 * The folder of one version of an archive page, under the feed's folder: its key and a version made from its
 * bytes (publish/archive-page.ts), e.g. "archive/p7/3f9a2c7e1b04/". A page whose bytes change gets a
 * new folder, so a document at an archive address never changes and may be cached forever.
 */
export function archiveFolder(key: string, version: string): string {
  return `${ARCHIVE_FOLDER}${key}/${version}/`;
}

/** A feed's folder under the feeds folder ('' for the site feed's), then its archives' folder. */
const ARCHIVES_OF_A_FEED = String.raw`^(?:(?:categories|authors)/[^/]+/)?archive`;
const ARCHIVE_PATH = new RegExp(String.raw`${ARCHIVES_OF_A_FEED}/p\d+/[0-9a-f]{12}/[^/]+$`);
const ARCHIVES_FOLDER = new RegExp(`${ARCHIVES_OF_A_FEED}$`);

/** Whether a path under the feeds folder is a file of an archive document (immutable once written). */
export function isArchivePath(path: string): boolean {
  return ARCHIVE_PATH.test(path);
}

/** Whether a path under the feeds folder is the folder holding a feed's archive documents. */
export function isArchivesFolder(path: string): boolean {
  return ARCHIVES_FOLDER.test(path);
}
