import type { FeedListing } from '../model/types.js';
import type { BuildReport, Publication } from '../publish/builder.js';
import { formatProblem } from '../content/problem.js';
import type { FeedStore } from './feed-store.js';
import type { PartnerStore } from './partner-store.js';

export interface BuildSummary {
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly articles: number;
  readonly records: number;
  readonly written: number;
  readonly problems: readonly string[];
}

/** What the running service knows: the feeds it serves and how the builds went. */
export class ServiceState {
  lastSuccess: BuildSummary | undefined;
  lastFailure: { readonly at: string; readonly reason: string; readonly problems: readonly string[] } | undefined;
  feeds: readonly FeedListing[] = [];
  siteTitle = 'Courier';
  siteDescription = '';
  /**
   * Whether the feeds of the last build are loaded (from the feeds folder at start, or from a build). Until
   * then a feed that is not in the store may only not be loaded yet: app.ts answers 503, not 404.
   */
  feedsLoaded = false;
  /** Whether a first build has finished: partner feeds are built in memory only, so until then 503 too. */
  partnersLoaded = false;

  /** When each partner key last pulled a feed: partner id, then key prefix, then ISO time. */
  pulls: Record<string, Record<string, string>> = {};
  pullsChanged = false;

  constructor(
    readonly store: FeedStore,
    readonly partners: PartnerStore,
  ) {}

  recordPull(partnerId: string, keyPrefix: string, at: number): void {
    (this.pulls[partnerId] ??= {})[keyPrefix] = new Date(at).toISOString();
    this.pullsChanged = true;
  }

  /** Publishes a finished build: its files are served from the next request on. */
  accept(report: BuildReport, finishedAt: number, durationMs: number): void {
    const problems = report.problems.map(formatProblem);
    this.partnersLoaded = true;
    if (!report.ok) {
      this.lastFailure = { at: new Date(finishedAt).toISOString(), reason: 'site settings are invalid', problems };
      return;
    }
    if (report.publication) this.publish(report.publication);
    this.lastSuccess = {
      finishedAt: new Date(finishedAt).toISOString(),
      durationMs,
      articles: report.publicArticles,
      records: report.records,
      written: report.written.length,
      problems,
    };
  }

  /** Serves a build's publication from the next request on. */
  private publish({ files, partners, feeds, site }: Publication): void {
    this.store.replace(files);
    this.feedsLoaded = true;
    this.partners.replace(partners);
    this.feeds = feeds;
    this.siteTitle = site.title;
    this.siteDescription = site.description;
  }

  fail(error: unknown, at: number): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.partnersLoaded = true;
    this.lastFailure = { at: new Date(at).toISOString(), reason, problems: [] };
  }
}
