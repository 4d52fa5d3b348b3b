import type { OutputFile, RenderedFile } from './output.js';
import type { Article } from '../content/types.js';
import type { Site } from '../content/site.js';
import type { BodyOf } from '../model/item.js';
import { renderPartnerFeed } from '../partners/feeds.js';
import { planPartnerFeeds } from '../partners/plan.js';
import { PROFILES } from '../partners/profiles.js';
import type { Partner } from '../partners/types.js';

/** Every partner's files, by partner id; each file's path is under the partner's folder. */
export type PartnerFiles = ReadonlyMap<string, readonly OutputFile[]>;

/**
 * Renders each partner's feeds. `finish` hashes and compresses a file; `key` names it among every
 * partner's files, so that an unchanged file keeps its bytes and Last-Modified from the last build.
 */
export async function buildPartnerFiles(
  site: Site,
  articles: readonly Article[],
  partners: readonly Partner[],
  now: number,
  bodyOf: BodyOf,
  finish: (file: RenderedFile, key: string) => Promise<OutputFile>,
): Promise<PartnerFiles> {
  const built = new Map<string, readonly OutputFile[]>();
  for (const partner of partners) {
    const profile = PROFILES[partner.profile];
    const plans = planPartnerFeeds(articles, partner, profile, now, site.killNoticeDays);
    const rendered = plans.flatMap((plan) => renderPartnerFeed(plan, partner, profile, site, bodyOf));
    built.set(partner.id, await Promise.all(rendered.map((file) => finish(file, `${partner.id}/${file.path}`))));
  }
  return built;
}
