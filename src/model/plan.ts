import type { Article } from '../content/types.js';
import { slugify } from '../content/text.js';

/** One feed to build: where it lives under the feeds folder and the articles it holds, newest first. */
export interface FeedPlan {
  /** '' for the site feed, else e.g. 'categories/world/'. */
  readonly path: string;
  readonly kind: 'site' | 'category' | 'author';
  /** The category's or author's name as written in the newest record that uses it. */
  readonly name?: string;
  readonly articles: readonly Article[];
  /** Every public article of the feed, newest first: `articles` is its head; archives hold the rest (archive.ts). */
  readonly all: readonly Article[];
  /**
   * The newest date of any released article that names the feed, its retraction included: the date of an
   * empty feed (one whose articles were all retracted), which has no item to take a date from.
   */
  readonly changed?: number;
}

/** Newest first; equal dates are ordered by id so that the order never depends on the file system. */
export function byNewest(a: Article, b: Article): number {
  return b.published - a.published || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Out of embargo: its published time has come. */
export function isReleased(article: Article, now: number): boolean {
  return article.published <= now;
}

/**
 * The next moment after `now` at which a build would publish something new by the clock alone: an embargo
 * ending, or a retraction dated ahead taking effect. Undefined when no record waits for a moment.
 */
export function nextRelease(articles: readonly Article[], now: number): number | undefined {
  return releases(articles, (at, best) => at > now && (best === undefined || at < best));
}

/**
 * The next moment after `now` at which the clock alone changes what any feed holds: a release (as nextRelease), or
 * the end of a window that opens at one (`windows`, in ms: kill notices, a partner profile's age limit).
 * Undefined when nothing waits for a moment.
 */
export function nextChangeByClock(
  articles: readonly Article[],
  now: number,
  windows: readonly number[],
): number | undefined {
  let next: number | undefined;
  for (const window of [0, ...windows]) {
    // The earliest release whose window is still open is the one whose window closes first.
    const opened = releases(articles, (at, best) => at + window > now && (best === undefined || at < best));
    if (opened !== undefined && (next === undefined || opened + window < next)) next = opened + window;
  }
  return next;
}

/**
 * The latest moment at or before `now` at which the clock alone changed what is published (an embargo ended, a
 * retraction took effect); undefined when none has. Plans made as of any two moments with the same answer are
 * the same: what was released is.
 */
export function lastRelease(articles: readonly Article[], now: number): number | undefined {
  return releases(articles, (at, best) => at <= now && (best === undefined || at > best));
}

/** The moment of a release (a non-draft's published time or retraction) that `better` prefers to all others. */
function releases(
  articles: readonly Article[],
  better: (at: number, best: number | undefined) => boolean,
): number | undefined {
  let best: number | undefined;
  for (const article of articles) {
    if (article.status === 'draft') continue;
    if (better(article.published, best)) best = article.published;
    if (article.retraction && better(article.retraction.at, best)) best = article.retraction.at;
  }
  return best;
}

/**
 * Decides every public feed. A category or author feed exists while any released article that is published
 * or retracted names it, so a feed whose only article was retracted stays as an empty feed, not a 404.
 */
export function planFeeds(articles: readonly Article[], now: number, itemsPerFeed: number): FeedPlan[] {
  const released = articles.filter((article) => article.status !== 'draft' && isReleased(article, now)).sort(byNewest);
  const categories = new Map<string, Group>();
  const authors = new Map<string, Group>();
  for (const article of released) {
    const isPublic = article.status === 'published';
    for (const name of article.categories) addTo(categories, name, article, isPublic);
    for (const author of article.authors) addTo(authors, author.name, article, isPublic);
  }
  const top = (list: Article[]) => list.slice(0, itemsPerFeed);
  const changed = released.length > 0 ? Math.max(...released.map(lastChange)) : undefined;
  return [
    {
      path: '',
      kind: 'site',
      ...topAndAll(
        released.filter((article) => article.status === 'published'),
        top,
      ),
      ...(changed !== undefined && { changed }),
    },
    ...groupPlans('categories', 'category', categories, top),
    ...groupPlans('authors', 'author', authors, top),
  ];
}

function topAndAll(all: Article[], top: (list: Article[]) => Article[]): Pick<FeedPlan, 'articles' | 'all'> {
  return { articles: top(all), all };
}

interface Group {
  readonly name: string;
  readonly articles: Article[];
  changed: number;
}

/** When an article last changed: its retraction, correction or publication. */
function lastChange(article: Article): number {
  return Math.max(article.published, article.updated ?? 0, article.retraction?.at ?? 0);
}

function addTo(groups: Map<string, Group>, name: string, article: Article, isPublic: boolean): void {
  const slug = slugify(name);
  if (slug === '') return;
  const group = groups.get(slug) ?? { name, articles: [], changed: 0 };
  groups.set(slug, group);
  group.changed = Math.max(group.changed, lastChange(article));
  // Two names of one slug in one record ("Science", "science"): the article is in that feed once.
  if (isPublic && group.articles.at(-1) !== article) group.articles.push(article);
}

function groupPlans(
  folder: string,
  kind: 'category' | 'author',
  groups: Map<string, Group>,
  top: (list: Article[]) => Article[],
): FeedPlan[] {
  const bySlug = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return bySlug.map(([slug, group]) => {
    return {
      path: `${folder}/${slug}/`,
      kind,
      name: group.name,
      ...topAndAll(group.articles, top),
      changed: group.changed,
    };
  });
}
