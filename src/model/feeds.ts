import type { Site } from '../content/site.js';
import type { FeedModel } from './feed.js';
import { itemFor, type BodyOf } from './item.js';
import type { FeedPlan } from './select.js';

export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** The model of one planned feed. Its dates come from its items only, never from a clock. */
export function feedModel(plan: FeedPlan, site: Site, bodyOf: BodyOf): FeedModel {
  const items = plan.articles.map((article) => itemFor(article, bodyOf));
  const base = new URL(plan.path, site.feedsUrl).href;
  const dates = items.map((item) => item.updated ?? item.published);
  return {
    id: `tag:${site.idAuthority}:feeds/${plan.path}`,
    title: plan.kind === 'site' ? site.title : `${site.title}: ${plan.name}`,
    description:
      plan.kind === 'site' ? site.description
      : plan.kind === 'category' ? `${site.title} articles in ${plan.name}`
      : `${site.title} articles by ${plan.name}`,
    homeUrl: site.baseUrl,
    urls: { rss: base + FEED_FILES.rss, atom: base + FEED_FILES.atom, json: base + FEED_FILES.json },
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
