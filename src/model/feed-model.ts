import type { Site } from '../content/site.js';
import type { FeedItem, FeedModel } from './types.js';
import type { ItemMaker } from './item.js';
import type { FeedPlan } from './plan.js';

/** The model of one planned feed. Its dates come from its items only, never from a clock. */
export function feedModel(plan: FeedPlan, site: Site, items: ItemMaker): FeedModel {
  return siteFeed(
    site,
    {
      id: feedId(site, `feeds/${plan.path}`),
      title: plan.kind === 'site' ? site.title : `${site.title}: ${plan.name}`,
      description:
        plan.kind === 'site'
          ? site.description
          : plan.kind === 'category'
            ? `${site.title} articles in ${plan.name}`
            : `${site.title} articles by ${plan.name}`,
      base: new URL(plan.path, site.feedsUrl).href,
      ...(plan.changed !== undefined && { changed: plan.changed }),
    },
    plan.articles.map((article) => items.itemFor(article)),
  );
}

/**
 * A feed's permanent id: a tag URI (RFC 4151) under the site's authority. Tag URIs are ASCII, so letters of
 * other scripts in the path are percent-encoded as UTF-8, the same bytes as in the feed's URL.
 */
export function feedId(site: Site, path: string): string {
  return `tag:${site.idAuthority}:${encodeURI(path)}`;
}

/**
 * A feed of the site's: its own id, title and address, the site's language, rights and schemes. Its date is
 * its newest item's; an empty feed takes `changed`, the last change of what it held, when there is one.
 */
export function siteFeed(
  site: Site,
  own: { id: string; title: string; description: string; base: string; changed?: number },
  items: readonly FeedItem[],
): FeedModel {
  const { base } = own;
  const dates = items.map((item) => Math.max(item.published, item.updated ?? 0));
  if (dates.length === 0 && own.changed !== undefined) dates.push(own.changed);
  return {
    id: own.id,
    title: own.title,
    description: own.description,
    homeUrl: site.baseUrl,
    folderUrl: base,
    language: site.language,
    copyright: site.copyright,
    ...(dates.length > 0 && { updated: Math.max(...dates) }),
    authors: [site.defaultAuthor],
    schemes: schemesOf(site),
    items,
  };
}

/** Where categories, tags and labels are said to live: Atom schemes, RSS domains. */
export function schemesOf(site: Site): FeedModel['schemes'] {
  return {
    category: new URL('categories/', site.feedsUrl).href,
    tag: new URL('tags/', site.feedsUrl).href,
    label: new URL('labels/', site.feedsUrl).href,
  };
}

/**
 * The feed naming WebSub hubs: each of `hubs` is an absolute URL or a path resolved against the site's
 * feeds_url (the built-in hub's default). No hubs: the very same model, so the bytes stay as they were.
 */
export function withHubs(feed: FeedModel, site: Site, hubs: readonly string[]): FeedModel {
  if (hubs.length === 0) return feed;
  return { ...feed, hubs: hubs.map((hub) => new URL(hub, site.feedsUrl).href) };
}
