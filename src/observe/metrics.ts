import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { isError } from '../content/problem.js';
import type { BuildReport } from '../publish/report.js';
import { FeedMetrics, type FeedKind } from './feed-metrics.js';
import { WebSubMetrics } from './websub-metrics.js';

/** Why a partner was answered 429 or 503: see http/partner-pull.ts. */
export type PartnerThrottle = 'pull_rate' | 'wrong_keys' | 'key_checks_busy';

/**
 * Courier's Prometheus metrics, registered on a registry the service creates (never prom-client's global one).
 *
 * Feed responses are the hot path, counted apart (feed-metrics.ts). Builds and partner pulls are rare enough to
 * count through prom-client directly.
 */
export class CourierMetrics {
  private readonly feeds: FeedMetrics;
  private readonly builds: Counter<'outcome'>;
  private readonly buildSeconds: Histogram<'outcome'>;
  private readonly articles: Gauge;
  private readonly records: Gauge;
  private readonly problems: Gauge<'severity'>;
  private readonly kept: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly partnerRequests: Counter<'status'>;
  private readonly partnerThrottles: Counter<'reason'>;
  /** WebSub: notifications to hubs, the built-in hub's deliveries and verifications. */
  readonly websub: WebSubMetrics;
  private readonly purges: Counter<'outcome'>;
  /** Made at the first report, so an instance without shared state shows no such series. */
  private sharedUp: Gauge | undefined;

  constructor(readonly registry: Registry) {
    const registers = [registry];
    this.feeds = new FeedMetrics(registry);
    this.builds = new Counter({
      name: 'courier_builds_total',
      help: 'Builds by outcome: published, held (a publish guard), invalid_site (site settings unusable), failed.',
      labelNames: ['outcome'],
      registers,
    });
    this.buildSeconds = new Histogram({
      name: 'courier_build_duration_seconds',
      help: 'How long builds took, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    this.articles = gauge('courier_build_public_articles', 'Articles in the site feed, as of the last build.');
    this.records = gauge('courier_build_records', 'Valid records, in any status, as of the last build.');
    this.kept = gauge('courier_build_kept_records', 'Records whose file is invalid, kept at their last good version.');
    this.problems = new Gauge({
      name: 'courier_build_problems',
      help: 'Problems in the records found by the last build, by severity (error or warning).',
      labelNames: ['severity'],
      registers,
    });
    this.lastSuccess = gauge('courier_last_published_build_timestamp_seconds', 'When a build last published.');
    this.partnerRequests = new Counter({
      name: 'courier_partner_requests_total',
      help: 'Requests for partner feeds by HTTP status, refusals included.',
      labelNames: ['status'],
      registers,
    });
    this.partnerThrottles = new Counter({
      name: 'courier_partner_throttled_total',
      help: 'Partner requests answered 429 or 503, by reason: pull_rate, wrong_keys, key_checks_busy.',
      labelNames: ['reason'],
      registers,
    });
    this.purges = new Counter({
      name: 'courier_cache_purges_total',
      help: 'PURGE requests sent to the caches in front (COURIER_PURGE_URLS), by outcome: ok or failed.',
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['ok', 'failed']) this.purges.inc({ outcome }, 0);
    // Every outcome and reason from the start, at 0: a rate over a series that appears only later misses its start.
    for (const outcome of ['published', 'held', 'invalid_site', 'failed']) this.builds.inc({ outcome }, 0);
    for (const reason of ['pull_rate', 'wrong_keys', 'key_checks_busy']) this.partnerThrottles.inc({ reason }, 0);
    this.websub = new WebSubMetrics(registry);
    collectDefaultMetrics({ register: registry });
    // Gauges named like counters, which `promtool check metrics` rejects; each is the sum of a gauge kept by type.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'])
      registry.removeSingleMetric(name);
  }

  /** A feed response sent: its kind, status, encoding and body bytes. Cheap: the hot path calls it. */
  feedResponse(kind: FeedKind, status: number, encoding: 'identity' | 'gzip', bodyBytes: number): void {
    this.feeds.response(kind, status, encoding, bodyBytes);
  }

  /** A build that finished, whatever it published, in `seconds`, at `at` (epoch ms). */
  build(report: BuildReport, seconds: number, at: number): void {
    const outcome = !report.ok
      ? 'invalid_site'
      : report.held !== undefined || !report.publication
        ? 'held'
        : 'published';
    this.builds.inc({ outcome });
    this.buildSeconds.observe({ outcome }, seconds);
    if (!report.ok) return;
    this.articles.set(report.publicArticles);
    this.records.set(report.records);
    this.kept.set(report.kept.length);
    const errors = report.problems.filter(isError).length;
    this.problems.set({ severity: 'error' }, errors);
    this.problems.set({ severity: 'warning' }, report.problems.length - errors);
    if (outcome === 'published') this.lastSuccess.set(Math.floor(at / 1000));
  }

  /** A PURGE sent to a cache in front: answered 2xx (ok), or anything else, an error or no answer (failed). */
  purge(ok: boolean): void {
    this.purges.inc({ outcome: ok ? 'ok' : 'failed' });
  }

  /** Whether the shared state (Redis) answers, when one is configured. */
  sharedState(up: boolean): void {
    this.sharedUp ??= new Gauge({
      name: 'courier_shared_state_up',
      help: 'Whether the state shared with other instances (COURIER_REDIS_URL) answers: 1 or 0.',
      registers: [this.registry],
    });
    this.sharedUp.set(up ? 1 : 0);
  }

  /** A build that threw (the disk, the machine) after `seconds`. */
  buildFailed(seconds: number): void {
    this.builds.inc({ outcome: 'failed' });
    this.buildSeconds.observe({ outcome: 'failed' }, seconds);
  }

  partnerRequest(status: number): void {
    this.partnerRequests.inc({ status: String(status) });
  }

  partnerThrottled(reason: PartnerThrottle): void {
    this.partnerThrottles.inc({ reason });
  }
}
