import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { ItemMaker } from '../model/item.js';
import { renderPartnerFeed, type PartnerRendering } from '../partners/feeds.js';
import { PartnerItemMaker } from '../partners/item.js';
import { LastGoodPartners } from '../partners/last-good.js';
import { planPartnerFeeds } from '../partners/plan.js';
import { PROFILES } from '../partners/profiles.js';
import { loadPartners } from '../partners/registry.js';
import type { Partner } from '../partners/types.js';
import type { Fragments } from '../render/fragments.js';
import type { Finisher, OutputFile } from './output.js';

/** Every partner's files, by partner id; each file's path is under the partner's folder. */
export type PartnerFiles = ReadonlyMap<string, readonly OutputFile[]>;

/** The partners in force and their feeds. */
export interface PartnerBuild {
  readonly partners: readonly Partner[];
  readonly files: PartnerFiles;
}

/**
 * Reloads partners.yaml and renders every partner's feeds, build after build. Partner feeds are kept in memory
 * only: never in the feeds folder, which may be served as it is. Which partners are in force is the rule of
 * LastGoodPartners: a partner or key never goes by going missing from partners.yaml, and the last good partners
 * are kept in `stateDir` (in memory only without one), so a restart on a broken partners.yaml serves them too.
 */
export class PartnerFeedPublisher {
  private readonly lastGood: LastGoodPartners;
  private previousFiles = new Map<string, OutputFile>();
  private readonly rendering: PartnerRendering;

  constructor(
    private readonly contentDir: string,
    items: ItemMaker,
    fragments: Fragments,
    private readonly finisher: Finisher,
    stateDir?: string,
    hubs: readonly string[] = [],
  ) {
    this.lastGood = new LastGoodPartners(stateDir);
    this.rendering = { items: new PartnerItemMaker(items), fragments, hubs };
  }

  async publish(
    site: Site,
    articles: readonly Article[],
    now: number,
  ): Promise<{ built: PartnerBuild; problems: readonly Problem[] }> {
    const loaded = await loadPartners(this.contentDir);
    const { partners, problems } = await this.lastGood.inForce(loaded.partners);
    const files = new Map<string, readonly OutputFile[]>();
    for (const partner of partners) files.set(partner.id, await this.partnerFiles(site, articles, partner, now));
    this.previousFiles = new Map(
      [...files].flatMap(([id, list]) => list.map((file) => [`${id}/${file.path}`, file] as const)),
    );
    return { built: { partners, files }, problems: [...loaded.problems, ...problems] };
  }

  /** One partner's files; an unchanged file keeps its bytes and Last-Modified from the last build. */
  private partnerFiles(site: Site, articles: readonly Article[], partner: Partner, now: number): Promise<OutputFile[]> {
    const profile = PROFILES[partner.profile];
    const plans = planPartnerFeeds(articles, partner, profile, now, site.killNoticeDays);
    const rendered = plans.flatMap((plan) => renderPartnerFeed(plan, partner, profile, site, this.rendering));
    return Promise.all(
      rendered.map((file) => {
        const key = `${partner.id}/${file.path}`;
        return this.finisher.finish(file, this.previousFiles.get(key), now, `partners/${key}`);
      }),
    );
  }
}
