import { randomBytes } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { WebSubMetrics } from '../observe/websub-metrics.js';
import { RefusedAddress, type AddressGuard } from './address-guard.js';
import { send } from './outbound.js';
import type { SubscriptionStore } from './subscriptions.js';
import type { KeyCheck, Topic, TopicIndex } from './topics.js';

/** A subscription request as the HTTP layer hands it over: the form's fields, the Authorization header, the client. */
export interface HubRequest {
  readonly fields: Readonly<Record<string, unknown>>;
  /** The key of `Authorization: Bearer <key>`, if the request had one. */
  readonly bearer?: string | undefined;
  /** The client's address, for the key guard's count of wrong keys. */
  readonly client: string;
}

export interface HubAnswer {
  readonly status: number;
  readonly message: string;
}

export interface HubDeps {
  readonly store: SubscriptionStore;
  readonly guard: AddressGuard;
  readonly log: Logger;
  readonly metrics?: WebSubMetrics | undefined;
  readonly clock: () => number;
  /** Leases granted, in seconds: when none is asked, and the bounds of one asked. */
  readonly lease: { readonly default: number; readonly min: number; readonly max: number };
  /** The topics of the last build. */
  readonly topics: () => TopicIndex;
  readonly checkKey: KeyCheck;
  /** A verification's whole exchange, in ms. */
  readonly timeoutMs?: number;
}

/** The W3C WebSub Recommendation's limit on hub.secret, in bytes. */
const MAX_SECRET_BYTES = 199;
const MAX_CALLBACK_LENGTH = 2048;
/** Verifications under way at once; more wait their turn (each is bounded by its timeout). */
const VERIFICATIONS = 8;

/**
 * The subscriber side of the built-in hub (W3C WebSub §5, §6): checks a (un)subscription request, answers
 * 202 Accepted, then verifies the intent in the background (GET the callback with hub.challenge, which it must
 * echo with a 2xx) and only then saves or removes the subscription. A renewal is a subscribe again.
 */
export class HubEndpoint {
  private readonly verifying: LimitFunction = pLimit(VERIFICATIONS);
  private readonly pending = new Set<Promise<void>>();
  private readonly aborter = new AbortController();

  constructor(private readonly deps: HubDeps) {}

  async handle(request: HubRequest): Promise<HubAnswer> {
    const text = (name: string) => {
      const value = request.fields[name];
      return typeof value === 'string' ? value : undefined;
    };
    const mode = text('hub.mode');
    if (mode !== 'subscribe' && mode !== 'unsubscribe') return bad('hub.mode must be subscribe or unsubscribe');
    const callback = text('hub.callback') ?? '';
    if (
      !URL.canParse(callback) ||
      !/^https?:$/.test(new URL(callback).protocol) ||
      callback.length > MAX_CALLBACK_LENGTH
    )
      return bad('hub.callback must be an absolute http or https URL');
    const secret = text('hub.secret');
    if (secret !== undefined && (secret === '' || Buffer.byteLength(secret) > MAX_SECRET_BYTES))
      return bad('hub.secret must be 1 to 199 bytes');
    const topics = this.deps.topics();
    if (!topics.ready) return { status: 503, message: 'Starting; try again in a few seconds.\n' };
    const topic = await topics.resolve(text('hub.topic') ?? '', request.bearer, request.client, this.deps.checkKey);
    if ('reason' in topic) return { status: topic.status, message: `${topic.reason}\n` };
    try {
      await this.deps.guard.check(new URL(callback).hostname);
    } catch (error) {
      if (!(error instanceof RefusedAddress)) throw error;
      this.deps.metrics?.verification('refused');
      return { status: 403, message: `${error.message}\n` };
    }
    const lease = this.leaseOf(text('hub.lease_seconds'));
    const given = text('hub.topic') ?? topic.url;
    const work = this.verifying(() => this.verify(mode, callback, topic, given, lease, secret));
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return { status: 202, message: 'Accepted: the intent is verified at the callback.\n' };
  }

  /** Ends the verifications under way, unconfirmed. */
  async close(): Promise<void> {
    this.aborter.abort();
    await Promise.allSettled([...this.pending]);
  }

  /** The lease asked for, within the bounds; the default when none (or no number) is asked. */
  private leaseOf(asked: string | undefined): number {
    const { lease } = this.deps;
    const seconds = asked !== undefined && /^\d+$/.test(asked) ? Number(asked) : lease.default;
    return Math.min(lease.max, Math.max(lease.min, seconds));
  }

  private async verify(
    mode: 'subscribe' | 'unsubscribe',
    callback: string,
    topic: Topic,
    given: string,
    lease: number,
    secret: string | undefined,
  ): Promise<void> {
    const { store, guard, log, metrics, clock, timeoutMs = 10_000 } = this.deps;
    const challenge = randomBytes(24).toString('base64url');
    const url = new URL(callback);
    url.searchParams.append('hub.mode', mode);
    url.searchParams.append('hub.topic', given);
    url.searchParams.append('hub.challenge', challenge);
    if (mode === 'subscribe') url.searchParams.append('hub.lease_seconds', String(lease));
    let confirmed = false;
    try {
      const address = await guard.check(url.hostname);
      const { signal } = this.aborter;
      const answer = await send({ method: 'GET', url, timeoutMs, maxResponseBytes: 1024, address, signal });
      confirmed = answer.status >= 200 && answer.status < 300 && answer.body.toString('utf8') === challenge;
    } catch (error) {
      // Unreachable, slow or refused: the intent is not confirmed, and nothing changes.
      log.info(`websub: could not verify ${mode} of ${callback}: ${errorMessage(error)}`, { callback });
    }
    metrics?.verification(confirmed ? 'verified' : 'unconfirmed');
    const fields = { callback, topic: topic.url, mode, lease };
    if (!confirmed) return log.info(`websub: ${mode} of ${callback} to ${topic.url} not confirmed`, fields);
    if (mode === 'unsubscribe') store.remove(callback, topic.url);
    else {
      const now = clock();
      // The first subscriber of a topic gets changes from now on: what is served now is what it has seen.
      if (store.active(topic.url, now).length === 0) store.setLastHash(topic.url, topic.file.hash);
      store.save({ callback, topic: topic.url, secret, expires: now + lease * 1000 });
    }
    log.info(`websub: ${mode} of ${callback} to ${topic.url} verified`, fields);
  }
}

function bad(message: string): HubAnswer {
  return { status: 400, message: `${message}\n` };
}
