import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { articleCounts } from '../model/counts.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedListing } from '../model/types.js';
import { FEED_STYLESHEET, FEED_STYLESHEET_DATE, FEED_STYLESHEET_XSL } from '../render/feed-stylesheet.js';
import { INDEX_PAGE, type RenderedFile } from '../render/formats.js';
import { renderIndexPage, type IndexEntry } from '../render/index-page.js';

/** The files published beside the site feed for people rather than feed readers, by path. */
export const SITE_PAGES = [INDEX_PAGE.file, FEED_STYLESHEET.file] as const;

/** What the index page lists: each public feed with its title, kind, article count, date and archive. */
export function indexEntries(
  site: Site,
  plans: readonly FeedPlan[],
  feeds: readonly FeedListing[],
  publicArticles: readonly Article[],
): IndexEntry[] {
  const counts = articleCounts(publicArticles);
  const listed = new Map(feeds.map((feed) => [feed.path, feed]));
  return plans.map((plan) => {
    const listing = listed.get(plan.path);
    return {
      title: listing?.title ?? plan.name ?? site.title,
      name: plan.name ?? site.title,
      kind: plan.kind,
      path: plan.path,
      articles: counts.get(plan.path) ?? 0,
      updated: plan.changed,
      ...(listing?.archive !== undefined && { archive: listing.archive }),
    };
  });
}

/**
 * The files published beside the site feed for people rather than feed readers: the index page (index.html,
 * what the service answers at its root, so static hosting of the feeds folder keeps it) and the stylesheet
 * the RSS and Atom feeds name. Both are written, listed in the manifest and served like the feeds. Their bytes
 * come from the site settings and `entries` alone: the page's dates are the feeds' own.
 */
export function sitePageFiles(site: Site, entries: readonly IndexEntry[]): RenderedFile[] {
  const dates = entries.map((entry) => entry.updated).filter((date) => date !== undefined);
  return [
    {
      path: INDEX_PAGE.file,
      body: renderIndexPage(site, entries),
      contentDate: dates.length > 0 ? Math.max(...dates) : undefined,
    },
    { path: FEED_STYLESHEET.file, body: Buffer.from(FEED_STYLESHEET_XSL), contentDate: FEED_STYLESHEET_DATE },
  ];
}
