import type { Site } from '../content/site.js';
import type { FeedItem, FeedModel } from './types.js';
import type { ItemMaker } from './item.js';
import type { FeedPlan } from './plan.js';

/** The model of one planned feed. Its dates come from its items only, never from a clock. */
export function feedModel(plan: FeedPlan, site: Site, items: ItemMaker): FeedModel {
  return siteFeed(
    site,
    {
      id: `tag:${site.idAuthority}:feeds/${plan.path}`,
      title: plan.kind === 'site' ? site.title : `${site.title}: ${plan.name}`,
      description:
        plan.kind === 'site'
          ? site.description
          : plan.kind === 'category'
            ? `${site.title} articles in ${plan.name}`
            : `${site.title} articles by ${plan.name}`,
      base: new URL(plan.path, site.feedsUrl).href,
    },
    plan.articles.map((article) => items.itemFor(article)),
  );
}

/** A feed of the site's: its own id, title and address, the site's language, rights and schemes. */
export function siteFeed(
  site: Site,
  own: { id: string; title: string; description: string; base: string },
  items: readonly FeedItem[],
): FeedModel {
  const { base } = own;
  const dates = items.map((item) => Math.max(item.published, item.updated ?? 0));
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
