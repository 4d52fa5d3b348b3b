import { createHmac } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { WebSubMetrics } from '../observe/websub-metrics.js';
import type { OutputFile } from '../publish/output.js';
import { linkHeader } from '../render/formats.js';
import type { AddressGuard } from './address-guard.js';
import { send } from './outbound.js';
import { DEFAULT_RETRY, outcomeOf, withRetries, type RetryPolicy } from './retry.js';
import type { Subscription, SubscriptionStore } from './subscriptions.js';

export interface DistributorDeps {
  readonly store: SubscriptionStore;
  readonly guard: AddressGuard;
  readonly log: Logger;
  readonly metrics?: WebSubMetrics | undefined;
  readonly retry?: RetryPolicy;
  /** One delivery's whole exchange, in ms: a subscriber slower than this has it tried again later. */
  readonly timeoutMs?: number;
}

/** Deliveries under way at once, across every subscriber: each holds one for at most timeoutMs. */
export const DELIVERY_CONCURRENCY = 16;
/** What is read of a subscriber's answer to a delivery: its status matters, its body does not. */
const ANSWER_BYTES = 4096;

/**
 * Content distribution (W3C WebSub §7): POSTs a topic's new bytes to each verified callback with the feed's
 * Content-Type, its Link header (hub and self) and, for a subscriber that gave a secret, X-Hub-Signature
 * (sha256=HMAC-SHA256 of the body). Each delivery is on its own: a timeout per attempt, retries with backoff
 * outside the concurrency bound (a waiting retry holds no slot), and a newer version of a topic supersedes a
 * delivery of an older one still retrying. A callback answering 410 Gone is unsubscribed.
 */
export class Distributor {
  private readonly limit: LimitFunction = pLimit(DELIVERY_CONCURRENCY);
  /** The latest version being delivered, by callback and topic. */
  private readonly versions = new Map<string, string>();
  private readonly aborter = new AbortController();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: DistributorDeps) {}

  /** Sends `file`, the topic's bytes now, to every subscriber of `topic` whose lease runs at `now`. */
  distribute(topic: string, file: OutputFile, hubUrl: string, now: number): number {
    const subscribers = this.deps.store.active(topic, now);
    for (const subscription of subscribers) {
      const work = this.deliver(subscription, file, hubUrl);
      this.pending.add(work);
      void work.finally(() => this.pending.delete(work));
    }
    return subscribers.length;
  }

  /** Stops retrying and waits for deliveries in flight (each bounded by its timeout). */
  async close(): Promise<void> {
    this.aborter.abort();
    await Promise.allSettled([...this.pending]);
  }

  private async deliver(subscription: Subscription, file: OutputFile, hubUrl: string): Promise<void> {
    const { guard, store, log, metrics, retry = DEFAULT_RETRY, timeoutMs = 10_000 } = this.deps;
    const { callback, topic, secret } = subscription;
    const key = `${callback}\n${topic}`;
    this.versions.set(key, file.hash);
    const headers = {
      'Content-Type': file.type,
      Link: linkHeader(topic, [hubUrl]),
      ...(secret !== undefined && { 'X-Hub-Signature': `sha256=${sign(secret, file.body)}` }),
    };
    let status = 0;
    let problem = '';
    const attempt = () =>
      this.limit(async () => {
        if (this.versions.get(key) !== file.hash) return 'done' as const; // a newer version is on its way
        try {
          const url = new URL(callback);
          const address = await guard.check(url.hostname);
          const { signal } = this.aborter;
          const answer = await send({
            method: 'POST',
            url,
            headers,
            body: file.body,
            timeoutMs,
            maxResponseBytes: ANSWER_BYTES,
            address,
            signal,
          });
          status = answer.status;
          problem = `HTTP ${status}`;
          return outcomeOf(status);
        } catch (error) {
          // Unreachable, slow, or resolving to an address now refused: tried again later, like a 5xx.
          problem = errorMessage(error);
          return 'retry' as const;
        }
      });
    const outcome = await withRetries(retry, attempt, () => metrics?.delivery('retried'), this.aborter.signal);
    if (this.versions.get(key) === file.hash) this.versions.delete(key);
    const fields = { callback, topic, status };
    if (outcome === 'done') {
      metrics?.delivery('delivered');
      log.info(`websub: delivered ${topic} to ${callback}`, fields);
    } else if (status === 410) {
      store.remove(callback, topic);
      metrics?.delivery('gone');
      log.info(`websub: ${callback} is gone (410): unsubscribed from ${topic}`, fields);
    } else {
      metrics?.delivery('failed');
      log.warn(`websub: could not deliver ${topic} to ${callback}: ${problem}`, { ...fields, problem });
    }
  }
}

/** The hex HMAC-SHA256 of a body with a subscriber's secret: X-Hub-Signature's value after "sha256=". */
export function sign(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
