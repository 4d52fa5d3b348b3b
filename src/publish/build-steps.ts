import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { LastResult } from '../lib/last-result.js';
import { lastRelease, planFeeds, type FeedPlan } from '../model/plan.js';
import type { FeedListing } from '../model/types.js';
import type { IndexEntry } from '../render/index-page.js';
import { holdReason, type GuardInput, type GuardOptions } from './guards.js';
import { identityWarnings, YEAR } from './identity.js';
import type { LastGoodRecords } from './last-good.js';
import { indexOf, type PublishedIndex } from './published-index.js';
import { indexEntries } from './site-pages.js';

/** The feeds to publish and the articles public as of a moment. */
export interface Planned {
  readonly plans: readonly FeedPlan[];
  readonly publicArticles: readonly Article[];
  readonly publicIds: ReadonlySet<string>;
}

/**
 * The steps of a build between reading the records and rendering, each computed again only when its inputs
 * changed: the very same objects (the loader gives back the same records while their files are unchanged), and
 * for those that depend on the clock, the same last release before it. A build with nothing changed then costs
 * next to nothing beyond looking at the files.
 */
export class BuildSteps {
  private readonly kept = new LastResult<unknown[], ReturnType<LastGoodRecords['keep']>>();
  private readonly warned = new LastResult<unknown[], Problem[]>();
  private readonly planned = new LastResult<unknown[], Planned>();
  private readonly held = new LastResult<unknown[], string | undefined>();
  private readonly entries = new LastResult<unknown[], IndexEntry[]>();
  private readonly indexed = new LastResult<unknown[], PublishedIndex>();

  constructor(private readonly lastGood: LastGoodRecords) {}

  keep(articles: readonly Article[], problems: readonly Problem[], previous: PublishedIndex | undefined) {
    return this.kept.get([articles, problems, previous], () => this.lastGood.keep(articles, problems, previous));
  }

  warnings(articles: readonly Article[], previous: PublishedIndex | undefined, now: number): Problem[] {
    // Which records are dated more than a year ahead is all the clock decides here: their count tells.
    const farAhead = articles.filter((article) => article.published > now + YEAR).length;
    return this.warned.get([articles, previous, farAhead], () => identityWarnings(articles, previous, now));
  }

  plan(articles: readonly Article[], now: number, itemsPerFeed: number): Planned {
    return this.planned.get([articles, lastRelease(articles, now), itemsPerFeed], () => {
      const publicArticles = articles.filter((article) => article.status === 'published' && article.published <= now);
      const publicIds = new Set(publicArticles.map((article) => article.id));
      return { plans: planFeeds(articles, now, itemsPerFeed), publicArticles, publicIds };
    });
  }

  hold(input: GuardInput, guards: GuardOptions): string | undefined {
    const { articlesFolder, previous, previousFeeds, plannedFeeds, records, publicIds } = input;
    const key = [
      articlesFolder,
      previous,
      previousFeeds.join('\n'),
      plannedFeeds.join('\n'),
      records,
      publicIds,
      guards,
    ];
    return this.held.get(key, () => holdReason(input, guards));
  }

  /** What the index page lists (site-pages.ts): the same object while nothing in it changed. */
  indexEntries(site: Site, planned: Planned, feeds: readonly FeedListing[]): IndexEntry[] {
    const { plans, publicArticles } = planned;
    return this.entries.get([site, plans, publicArticles, JSON.stringify(feeds)], () =>
      indexEntries(site, plans, feeds, publicArticles),
    );
  }

  /** The published index of a build (published-index.ts): the same object while nothing in it changed. */
  index(articles: readonly Article[], now: number, planned: Planned): PublishedIndex {
    const { plans } = planned;
    return this.indexed.get([articles, plans], () =>
      indexOf(articles, now, new Set(plans.flatMap((plan) => plan.articles))),
    );
  }
}
