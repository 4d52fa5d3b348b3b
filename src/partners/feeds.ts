import type { Site } from '../content/site.js';
import { feedId, siteFeed, withHubs } from '../model/feed-model.js';
import type { FeedItem, FeedModel } from '../model/types.js';
import { FEED_FORMATS, renderFeedFile, type RenderedFile } from '../render/formats.js';
import type { Fragments } from '../render/fragments.js';
import { killNotice, type PartnerItemMaker } from './item.js';
import type { PartnerPlan, PartnerRights } from './plan.js';
import type { Profile } from './profiles.js';

/** Where a partner's feeds are addressed in feeds themselves: by partner id, never by key. */
export function partnerBaseUrl(site: Pick<Site, 'feedsUrl'>, partnerId: string): string {
  return new URL(`/partners/${encodeURIComponent(partnerId)}/`, site.feedsUrl).href;
}

/** What renders a partner's feeds: the items partners receive and the fragment cache, both owned by the caller. */
export interface PartnerRendering {
  readonly items: PartnerItemMaker;
  readonly fragments: Fragments;
  /** The WebSub hubs partner feeds name: the built-in hub only, since no other hub can read them. */
  readonly hubs?: readonly string[];
}

/** The files of one partner feed, one per format, each within the profile's byte budget. */
export function renderPartnerFeed(
  plan: PartnerPlan,
  partner: PartnerRights & { name: string },
  profile: Profile,
  site: Site,
  { items: maker, fragments, hubs = [] }: PartnerRendering,
): RenderedFile[] {
  const kills = plan.killed.map((article) => killNotice(article, profile));
  const items = plan.articles.map((article) => maker.itemFor(article, profile));
  const model = (kept: readonly FeedItem[]) =>
    withHubs(partnerModel(plan, partner, site, [...kills, ...kept]), site, hubs);
  return FEED_FORMATS.map((format) =>
    withinBudget(items, profile.maxBytes, (kept) => renderFeedFile(format, model(kept), plan.path, fragments)),
  );
}

/** Drops the oldest items, whole, until the rendered feed fits; kill notices always stay. */
function withinBudget<T extends { body: Buffer }>(
  items: readonly FeedItem[],
  maxBytes: number,
  render: (kept: readonly FeedItem[]) => T,
): T {
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

function partnerModel(
  plan: PartnerPlan,
  partner: PartnerRights & { name: string },
  site: Site,
  items: readonly FeedItem[],
): FeedModel {
  return siteFeed(
    site,
    {
      id: feedId(site, `partners/${partner.id}/${plan.path}`),
      title: plan.name ? `${site.title}: ${plan.name} (for ${partner.name})` : `${site.title} (for ${partner.name})`,
      description: `${site.description} Syndicated to ${partner.name}.`,
      base: new URL(plan.path, partnerBaseUrl(site, partner.id)).href,
    },
    items,
  );
}
