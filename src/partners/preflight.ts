import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { ItemMaker, type BodyOf } from '../model/item.js';
import { Fragments } from '../render/fragments.js';
import { renderPartnerFeed } from './feeds.js';
import { PartnerItemMaker } from './item.js';
import { planPartnerFeeds, type PartnerPlan } from './plan.js';
import { isCleanHttps, itemFindings } from './preflight-items.js';
import type { Finding, Level } from './preflight-types.js';
import { PROFILES } from './profiles.js';
import type { Profile } from './profiles.js';
import type { Partner } from './types.js';

/** One feed file the partner would pull: its path under the partner's folder, its items and its bytes. */
export interface FeedSize {
  readonly path: string;
  readonly items: number;
  readonly bytes: number;
}

/** What `courier check --partner` finds: every rule each item and feed breaks or is close to breaking. */
export interface Preflight {
  readonly partner: string;
  readonly profile: Profile;
  readonly items: number;
  readonly feeds: readonly FeedSize[];
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Level, number>>;
}

const NEAR = 0.1;
const MINUTE = 60_000;

/**
 * Checks what the partner would receive now, as its own evaluation tool would: every item of every feed (once,
 * however many feeds carry it), then each feed (bytes, items, new items per fetch, the feed's own URL). Renders
 * the feeds the way the service does, with an ItemMaker of its own over `bodyOf`.
 */
export function preflight(
  articles: readonly Article[],
  partner: Partner,
  site: Site,
  now: number,
  bodyOf: BodyOf,
): Preflight {
  const profile = PROFILES[partner.profile];
  const plans = planPartnerFeeds(articles, partner, profile, now, site.killNoticeDays);
  const rendering = { items: new PartnerItemMaker(new ItemMaker(bodyOf)), fragments: new Fragments() };
  const received = new Map<string, Article>();
  for (const plan of plans) for (const article of plan.articles) received.set(article.id, article);
  const findings: Finding[] = [];
  for (const article of received.values()) {
    findings.push(...itemFindings(article, rendering.items.itemFor(article, profile), profile, now));
  }
  const feeds: FeedSize[] = [];
  for (const plan of plans) {
    for (const file of renderPartnerFeed(plan, partner, profile, site, rendering)) {
      const feed = { path: file.path, items: itemCount(file.path, file.body), bytes: file.body.length };
      feeds.push(feed);
      findings.push(...feedFindings(profile, plan, feed, now));
    }
  }
  findings.push(...siteFindings(profile, site));
  const counts = { reject: 0, warn: 0, near: 0 };
  for (const finding of findings) counts[finding.level] += 1;
  return { partner: partner.id, profile, items: received.size, feeds, findings, counts };
}

/** Items (kill notices included) in a rendered feed, counted by their elements. */
function itemCount(path: string, body: Buffer): number {
  const text = body.toString('utf8');
  if (path.endsWith('.json')) return (JSON.parse(text) as { items: unknown[] }).items.length;
  return (text.match(path.endsWith('atom.xml') ? /<entry[\s>]/g : /<item[\s>]/g) ?? []).length;
}

function feedFindings(profile: Profile, plan: PartnerPlan, feed: FeedSize, now: number): Finding[] {
  const findings: Finding[] = [];
  const { maxFeedBytes, minItems, newPerFetch } = profile.rules;
  const kills = plan.killed.length;
  if (feed.items < plan.articles.length + kills) {
    const left = plan.articles.length + kills - feed.items;
    const message = `${left} of ${plan.articles.length} items left out to stay within ${profile.maxBytes} bytes`;
    if (maxFeedBytes) findings.push(feedFinding('maxFeedBytes', 'warn', feed, feed.bytes, maxFeedBytes, message));
  } else if (maxFeedBytes && feed.bytes > maxFeedBytes.limit * (1 - NEAR)) {
    const message = `${feed.bytes} bytes, close to the partner's ${maxFeedBytes.limit}`;
    findings.push(feedFinding('maxFeedBytes', 'near', feed, feed.bytes, maxFeedBytes, message));
  }
  // Once, on the main RSS feed: the one a partner is given (and Flipboard reads RSS); categories are smaller.
  const main = feed.path === 'rss.xml';
  if (minItems && main && feed.items - kills < minItems.limit * (1 + NEAR)) {
    const found = feed.items - kills;
    const broken = found < minItems.limit;
    const message = `${found} items; the partner asks for at least ${minItems.limit}`;
    findings.push(feedFinding('minItems', broken ? minItems.severity : 'near', feed, found, minItems, message));
  }
  if (newPerFetch && main) {
    const since = now - newPerFetch.limit.minutes * MINUTE;
    const fresh = plan.articles.filter((article) => article.published > since).length;
    if (fresh > newPerFetch.limit.items) {
      const { items, minutes } = newPerFetch.limit;
      const message = `${fresh} items published in the last ${minutes} minutes; the partner reads ${items} a fetch`;
      findings.push(feedFinding('newPerFetch', newPerFetch.severity, feed, fresh, newPerFetch, message));
    }
  }
  return findings;
}

/** The feed's own address: a partner that takes https sources only cannot pull an http one. */
function siteFindings(profile: Profile, site: Site): Finding[] {
  const spec = profile.rules.httpsLinks;
  if (!spec || isCleanHttps(site.feedsUrl)) return [];
  const message = `the feeds' address ${site.feedsUrl} is not https without credentials`;
  return [
    { level: spec.severity, rule: 'httpsLinks', message, found: site.feedsUrl, limit: spec.limit, source: spec.source },
  ];
}

function feedFinding(
  rule: Finding['rule'],
  level: Level,
  feed: FeedSize,
  found: number,
  spec: { limit: unknown; source: Finding['source'] },
  message: string,
): Finding {
  return { level, rule, feed: feed.path, message, found, limit: spec.limit, source: spec.source };
}
