import type { RenderedFile } from '../publish/output.js';
import type { Site } from '../content/site.js';
import type { FeedItem, FeedModel } from '../model/types.js';
import { FEED_FILES, siteFeed } from '../model/feed-model.js';
import type { BodyOf } from '../model/item.js';
import { renderAtom } from '../render/atom.js';
import { renderJson } from '../render/json.js';
import { renderRss } from '../render/rss.js';
import { killNotice, partnerItem } from './item.js';
import type { PartnerPlan, PartnerRights } from './plan.js';
import type { Profile } from './profiles.js';

/** Where a partner's feeds are addressed in feeds themselves: by partner id, never by key. */
export function partnerBaseUrl(site: Site, partnerId: string): string {
  return new URL(`/partners/${encodeURIComponent(partnerId)}/`, site.feedsUrl).href;
}

/** The three files of one partner feed, each within the profile's byte budget. */
export function renderPartnerFeed(plan: PartnerPlan, partner: PartnerRights & { name: string }, profile: Profile, site: Site, bodyOf: BodyOf): RenderedFile[] {
  const kills = plan.killed.map((article) => killNotice(article, profile));
  const items = plan.articles.map((article) => partnerItem(article, profile, bodyOf));
  const model = (kept: readonly FeedItem[]) => partnerModel(plan, partner, site, [...kills, ...kept]);
  const renderers = { rss: renderRss, atom: renderAtom, json: renderJson } as const;
  return (Object.keys(renderers) as Array<keyof typeof renderers>).map((format) => {
    const { body, feed } = withinBudget(items, profile.maxBytes, (kept) => {
      const feed = model(kept);
      return { body: renderers[format](feed), feed };
    });
    return { path: plan.path + FEED_FILES[format], body, contentDate: feed.updated };
  });
}

/** Drops the oldest items, whole, until the rendered feed fits; kill notices always stay. */
function withinBudget<T extends { body: Buffer }>(items: readonly FeedItem[], maxBytes: number, render: (kept: readonly FeedItem[]) => T): T {
  let kept = items.length;
  let result = render(items);
  while (result.body.length > maxBytes && kept > 0) {
    const over = result.body.length - maxBytes;
    const average = result.body.length / Math.max(kept, 1);
    kept = Math.max(0, kept - Math.max(1, Math.floor(over / average)));
    result = render(items.slice(0, kept));
  }
  return result;
}

function partnerModel(plan: PartnerPlan, partner: PartnerRights & { name: string }, site: Site, items: readonly FeedItem[]): FeedModel {
  return siteFeed(site, {
    id: `tag:${site.idAuthority}:partners/${partner.id}/${plan.path}`,
    title: plan.name ? `${site.title}: ${plan.name} (for ${partner.name})` : `${site.title} (for ${partner.name})`,
    description: `${site.description} Syndicated to ${partner.name}.`,
    base: new URL(plan.path, partnerBaseUrl(site, partner.id)).href,
  }, items);
}
