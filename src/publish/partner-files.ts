import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { ItemMaker } from '../model/item.js';
import { renderPartnerFeed, type PartnerRendering } from '../partners/feeds.js';
import { PartnerItemMaker } from '../partners/item.js';
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
 * only: never in the feeds folder, which may be served as it is. While partners.yaml has problems, the partners
 * of its last good version go on receiving their feeds.
 */
export class PartnerFeedPublisher {
  private lastGoodPartners: readonly Partner[] | undefined;
  private previousFiles = new Map<string, OutputFile>();
  private readonly rendering: PartnerRendering;

  constructor(
    private readonly contentDir: string,
    items: ItemMaker,
    fragments: Fragments,
    private readonly finisher: Finisher,
  ) {
    this.rendering = { items: new PartnerItemMaker(items), fragments };
  }

  async publish(
    site: Site,
    articles: readonly Article[],
    now: number,
  ): Promise<{ built: PartnerBuild; problems: readonly Problem[] }> {
    const loaded = await loadPartners(this.contentDir);
    if (loaded.problems.length === 0 || this.lastGoodPartners === undefined) this.lastGoodPartners = loaded.partners;
    const partners = this.lastGoodPartners;
    const files = new Map<string, readonly OutputFile[]>();
    for (const partner of partners) files.set(partner.id, await this.partnerFiles(site, articles, partner, now));
    this.previousFiles = new Map(
      [...files].flatMap(([id, list]) => list.map((file) => [`${id}/${file.path}`, file] as const)),
    );
    return { built: { partners, files }, problems: loaded.problems };
  }

  /** One partner's files; an unchanged file keeps its bytes and Last-Modified from the last build. */
  private partnerFiles(site: Site, articles: readonly Article[], partner: Partner, now: number): Promise<OutputFile[]> {
    const profile = PROFILES[partner.profile];
    const plans = planPartnerFeeds(articles, partner, profile, now, site.killNoticeDays);
    const rendered = plans.flatMap((plan) => renderPartnerFeed(plan, partner, profile, site, this.rendering));
    return Promise.all(
      rendered.map((file) => this.finisher.finish(file, this.previousFiles.get(`${partner.id}/${file.path}`), now)),
    );
  }
}
