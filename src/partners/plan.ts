import type { Article, Retraction } from '../content/types.js';
import { slugify } from '../content/text.js';
import { byNewest, isReleased } from '../model/plan.js';
import { PROFILES, type Profile } from './profiles.js';

/** What the rights rules need to know of a partner. */
export interface PartnerRights {
  readonly id: string;
  readonly categories?: readonly string[];
}

/** One partner feed: its path under the partner's folder, the articles it holds and the kill notices. */
export interface PartnerPlan {
  /** '' for the partner's main feed, else e.g. 'categories/world/'. */
  readonly path: string;
  readonly name?: string;
  readonly articles: readonly Article[];
  readonly killed: readonly Retracted[];
}

/** A retracted article, with its retraction. */
export type Retracted = Article & { readonly retraction: Retraction };

const DAY = 86_400_000;

/**
 * How long after an article's release or retraction the clock alone changes a feed: its kill notice ends, it
 * leaves a profile's age window. Every profile's, whether a partner uses it or not.
 */
export function windowsByClock(killNoticeDays: number): number[] {
  const ages = Object.values(PROFILES).flatMap((profile) => profile.rules.maxAgeDays?.limit ?? []);
  return [killNoticeDays, ...ages].map((days) => days * DAY);
}

/** Whether our rights let this partner have this article at all (status and embargo aside). */
export function mayReceive(article: Article, partner: PartnerRights, profile: Profile): boolean {
  const { partners } = article.syndication;
  if (partners === 'none' || (partners !== 'all' && !partners.includes(partner.id))) return false;
  if (profile.excludeSponsored && article.sponsored) return false;
  if (article.label !== undefined && profile.excludeLabels.includes(article.label)) return false;
  if (partner.categories === undefined) return true;
  const allowed = new Set(partner.categories.map(slugify));
  return article.categories.some((category) => allowed.has(slugify(category)));
}

/**
 * Whether an article is young enough for the partner: a profile with `maxAgeDays` (MSN does not ingest an article
 * published that many days ago or more) stops sending it then. Its kill notice, if it is retracted, still goes.
 */
export function withinAge(article: Article, profile: Profile, now: number): boolean {
  const rule = profile.rules.maxAgeDays;
  return rule === undefined || now - article.published < rule.limit * DAY;
}

/**
 * The partner's feeds: its main feed and one per category it may have. Nothing is sent before its published
 * time, nor anything older than the profile's age window; a retracted article stays as a kill notice for
 * `killDays` after its retraction.
 */
export function planPartnerFeeds(
  articles: readonly Article[],
  partner: PartnerRights,
  profile: Profile,
  now: number,
  killDays: number,
): PartnerPlan[] {
  const eligible = articles
    .filter((article) => isReleased(article, now) && mayReceive(article, partner, profile))
    .sort(byNewest);
  const published = eligible.filter((article) => article.status === 'published' && withinAge(article, profile, now));
  const killed = eligible
    .filter(isRetracted)
    .filter((article) => article.retraction.at <= now && now - article.retraction.at < killDays * DAY)
    .sort((a, b) => b.retraction.at - a.retraction.at || (a.id < b.id ? -1 : 1));
  const plans: PartnerPlan[] = [{ path: '', articles: published.slice(0, profile.itemsPerFeed), killed }];
  const names = new Map<string, string>();
  for (const article of [...published, ...killed]) {
    for (const category of article.categories)
      if (!names.has(slugify(category))) names.set(slugify(category), category);
  }
  const allowed = partner.categories?.map(slugify);
  for (const [slug, name] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (slug === '' || (allowed && !allowed.includes(slug))) continue;
    const inCategory = (article: Article) => article.categories.some((category) => slugify(category) === slug);
    plans.push({
      path: `categories/${slug}/`,
      name,
      articles: published.filter(inCategory).slice(0, profile.itemsPerFeed),
      killed: killed.filter(inCategory),
    });
  }
  return plans;
}

function isRetracted(article: Article): article is Retracted {
  return article.status === 'retracted' && article.retraction !== undefined;
}
