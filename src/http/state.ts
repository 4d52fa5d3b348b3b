import type { FeedListing } from '../model/types.js';
import type { BuildReport, Publication } from '../publish/report.js';
import { formatProblem } from '../content/problem.js';
import { errorMessage } from '../lib/errors.js';
import type { FeedStore } from './feed-store.js';
import { assess, diskErrorOf, type BuildRecords, type HealthDetails, type PublicHealth } from './health.js';
import type { PartnerStore } from './partner-store.js';
import { Redirects } from './redirects.js';

export type { HealthDetails, HealthStatus, PublicHealth } from './health.js';

/** What the running service knows: the feeds it serves and how the builds went. */
export class ServiceState {
  feeds: readonly FeedListing[] = [];
  siteTitle = 'Courier';
  siteDescription = '';
  /** The old feed addresses answered 301 (redirects.ts), from the last published build's site settings. */
  redirects: Redirects = new Redirects([], '');
  /**
   * Whether the feeds of the last build are loaded (from the feeds folder at start, or from a build). Until
   * then a feed that is not in the store may only not be loaded yet: app-handlers.ts answers 503, not 404.
   */
  feedsLoaded = false;
  /** Whether a first build has finished: partner feeds are built in memory only, so until then 503 too. */
  partnersLoaded = false;

  /** When each partner key last pulled a feed: partner id, then key prefix, then ISO time. */
  pulls: Record<string, Record<string, string>> = {};
  pullsChanged = false;

  /** How the builds went: the last of each outcome, and which came last. Read through health() and details(). */
  private readonly builds: BuildRecords = {};

  /** Why the state shared with other instances is not working, if it is not (health says degraded). */
  sharedProblem: () => string | undefined = () => undefined;
  /** Told of every partner pull too: the shared record of pulls (Redis), with several instances. */
  onPull: (partnerId: string, keyPrefix: string, at: number) => void = () => undefined;
  /** Told, after a build is served, the URL paths of public feeds whose bytes it changed (to purge caches). */
  onChanged: (paths: readonly string[]) => void = () => undefined;

  constructor(
    readonly store: FeedStore,
    readonly partners: PartnerStore,
  ) {}

  recordPull(partnerId: string, keyPrefix: string, at: number): void {
    (this.pulls[partnerId] ??= {})[keyPrefix] = new Date(at).toISOString();
    this.pullsChanged = true;
    this.onPull(partnerId, keyPrefix, at);
  }

  /**
   * Takes a finished build: one that published is served from the next request on; one whose site settings
   * are unusable counts as failed, and one a publish guard held as held. Either leaves the served feeds as
   * they were.
   */
  accept(report: BuildReport, finishedAt: number, durationMs: number): void {
    const problems = report.problems.map(formatProblem);
    this.partnersLoaded = true;
    if (!report.ok) {
      this.builds.failure = { at: finishedAt, reason: 'the site settings are invalid', problems };
      this.builds.last = 'failure';
    } else if (report.held !== undefined || !report.publication) {
      this.builds.held = { at: finishedAt, reason: report.held ?? 'nothing was published', problems };
      this.builds.last = 'held';
    } else {
      this.publish(report.publication);
      const { publicArticles: articles, records, written, kept } = report;
      const success = { at: finishedAt, durationMs, articles, records, written: written.length, kept, problems };
      this.builds.success = success;
      this.builds.last = 'success';
    }
  }

  /** A build, or a write after it, that threw: the served feeds stay as they were. */
  fail(error: unknown, at: number): void {
    this.partnersLoaded = true;
    this.builds.failure = { at, reason: errorMessage(error), problems: [], disk: diskErrorOf(error) };
    this.builds.last = 'failure';
  }

  /** What /healthz tells anyone: a status, times and counts; no path, problem or error message. */
  health(now: number, staleAfter: number): PublicHealth {
    const { status } = assess(this.builds, this.store.size, now, staleAfter, this.elsewhere());
    const { success, failure } = this.builds;
    const last = this.builds.last && this.builds[this.builds.last];
    return {
      status,
      lastBuild: last ? iso(last.at) : null,
      lastSuccess: success ? iso(success.at) : null,
      lastFailure: failure ? iso(failure.at) : null,
      articles: success?.articles ?? null,
      feeds: this.store.size,
    };
  }

  /**
   * Everything known about the builds, for the service's operators (`courier status`) and never served:
   * why the status is what it is, the problems of the records, the folders and errors of failed writes.
   */
  details(now: number, staleAfter: number): HealthDetails {
    const { status, reasons } = assess(this.builds, this.store.size, now, staleAfter, this.elsewhere());
    const { success, failure, held } = this.builds;
    return {
      status,
      reasons,
      staleAfter,
      servedFiles: this.store.size,
      lastSuccess: success ? { ...success, at: iso(success.at) } : null,
      lastFailure: failure ? { ...failure, at: iso(failure.at), disk: failure.disk ?? null } : null,
      lastHeld: held ? { ...held, at: iso(held.at) } : null,
    };
  }

  private elsewhere(): string[] {
    const problem = this.sharedProblem();
    return problem === undefined ? [] : [problem];
  }

  /** Serves a build's publication from the next request on, and tells onChanged what changed. */
  private publish({ files, archives, partners, feeds, site }: Publication): void {
    const changed = this.store.replace(files, archives);
    if (changed.length > 0) this.onChanged(changed);
    this.feedsLoaded = true;
    this.partners.replace(partners);
    this.feeds = feeds;
    this.siteTitle = site.title;
    this.siteDescription = site.description;
    this.redirects = this.redirects.with(site.redirects, site.feedsUrl);
  }
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
