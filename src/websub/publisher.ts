import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from '../lib/logger.js';
import { errorMessage } from '../lib/errors.js';
import type { WebSubMetrics } from '../observe/websub-metrics.js';
import type { OutputFile } from '../publish/output.js';
import type { Publication } from '../publish/report.js';
import { FEED_FORMATS } from '../render/formats.js';
import { formBody, send } from './outbound.js';
import { DEFAULT_RETRY, outcomeOf, withRetries, type RetryPolicy } from './retry.js';

export interface PublisherDeps {
  /** The hubs of others to notify, absolute URLs (config.websub.hubs). */
  readonly hubs: readonly string[];
  readonly log: Logger;
  readonly metrics?: WebSubMetrics | undefined;
  readonly retry?: RetryPolicy;
  /** One notification's whole exchange, in ms. */
  readonly timeoutMs?: number;
}

/** Notifications sent at once, across hubs and feeds: a build that changes 200 feeds does not open 200 sockets. */
const CONCURRENCY = 4;

/**
 * The WebSub publisher: after a build, tells each configured hub (hub.mode=publish, hub.url=<feed>) of every
 * public feed whose bytes changed, so the hub fetches it and pushes it on. It owns the hash of each feed it last
 * saw; a feed is "changed" against that, so a build that writes nothing notifies no one. The work runs in the
 * background with retries and backoff, bounded in concurrency: the build and the serving never wait for it.
 * Partner feeds are never announced here: no other hub can read them (the built-in hub pushes those).
 */
export class HubPublisher {
  private readonly hashes = new Map<string, string>();
  private readonly limit: LimitFunction = pLimit(CONCURRENCY);
  private readonly aborter = new AbortController();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: PublisherDeps) {}

  /** The feeds served at start (the last build on disk): what the first build is compared with. */
  seed(files: Iterable<OutputFile>): void {
    for (const file of files) this.hashes.set(file.path, file.hash);
  }

  /** Takes a published build and notifies the hubs of its changed feeds, in the background. */
  published({ files, site }: Publication): void {
    const changed = files.filter((file) => isFeed(file.path) && this.hashes.get(file.path) !== file.hash);
    for (const file of files) this.hashes.set(file.path, file.hash);
    if (this.deps.hubs.length === 0 || changed.length === 0) return;
    const topics = changed.map((file) => new URL(file.path, site.feedsUrl).href);
    for (const hub of this.deps.hubs) for (const topic of topics) this.track(this.notify(hub, topic));
  }

  /** Stops retrying and waits for the notifications in flight (each bounded by its timeout). */
  async close(): Promise<void> {
    this.aborter.abort();
    await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private async notify(hub: string, topic: string): Promise<void> {
    const { log, metrics, retry = DEFAULT_RETRY, timeoutMs = 10_000 } = this.deps;
    let lastProblem = '';
    const attempt = () =>
      this.limit(async () => {
        try {
          const answer = await send({
            method: 'POST',
            url: new URL(hub),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: formBody({ 'hub.mode': 'publish', 'hub.url': topic }),
            timeoutMs,
            maxResponseBytes: 4096,
            signal: this.aborter.signal,
          });
          lastProblem = `HTTP ${answer.status}`;
          return outcomeOf(answer.status);
        } catch (error) {
          // The hub is down or slow: worth another try after a while, which withRetries waits for.
          lastProblem = errorMessage(error);
          return 'retry' as const;
        }
      });
    const outcome = await withRetries(retry, attempt, () => metrics?.notification('retried'), this.aborter.signal);
    if (outcome === 'done') {
      metrics?.notification('accepted');
      log.info(`websub: told ${hub} of ${topic}`, { hub, topic });
    } else {
      metrics?.notification('failed');
      log.warn(`websub: could not tell ${hub} of ${topic}: ${lastProblem}`, { hub, topic, problem: lastProblem });
    }
  }
}

/** A feed in one of the formats (not the OPML list). */
export function isFeed(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return FEED_FORMATS.some((format) => format.file === name);
}
