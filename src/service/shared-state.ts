import { Redis } from 'ioredis';
import type { PartnerLimits } from '../http/rate-limit.js';
import { RateLimiter } from '../http/rate-limit.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { CourierMetrics } from '../observe/metrics.js';
import type { VerifiedKeyMemory } from '../partners/verifier.js';
import type { ValidatorRecord } from '../publish/output.js';
import { BUCKET, KEEP_LATER, PREFIX, VALIDATOR } from './shared-scripts.js';

/** How long a command may take before it counts as failed (and the instance falls back to its own state). */
const COMMAND_TIMEOUT_MS = 500;
/** How often a lost connection is tried again. */
const RETRY_MS = 1000;
/** How long a verified key is remembered in Redis, in seconds. */
const KEY_MEMORY_SECONDS = 86_400;

export interface SharedStateDeps {
  readonly url: string;
  /** Full downloads a partner may make a minute, over every instance. */
  readonly partnerPullsPerMinute: number;
  readonly log: Logger;
  readonly metrics?: CourierMetrics | undefined;
}

/**
 * The state several instances share, in Redis (COURIER_REDIS_URL): partner rate limits, the keys that verified,
 * when each key last pulled, and the Last-Modified of each file's bytes. Nothing here ever waits for Redis to come
 * back: a command fails at once while the connection is down (no offline queue) or after COMMAND_TIMEOUT_MS, and
 * each part then falls back to this instance alone (its own token buckets, one scrypt more, the pull kept in the
 * local file only, the Last-Modified proposed). Health says degraded meanwhile (`problem`), and the connection
 * is tried again every second, so it recovers by itself.
 */
export class SharedState {
  private up = false;
  private readonly redis: Redis;
  private readonly local: RateLimiter;
  private readonly where: string;

  constructor(private readonly deps: SharedStateDeps) {
    this.local = new RateLimiter(deps.partnerPullsPerMinute);
    this.where = redacted(deps.url);
    this.redis = new Redis(deps.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      retryStrategy: () => RETRY_MS,
    });
    this.redis.on('ready', () => this.mark(true));
    this.redis.on('close', () => this.mark(false));
    // ioredis reports each failed attempt as an event; the transition is logged once, by mark().
    this.redis.on('error', () => this.mark(false));
    deps.metrics?.sharedState(false);
  }

  /** Resolves once Redis answers, or after `ms` whatever happens (the instance then starts on its own state). */
  async connected(ms: number): Promise<void> {
    if (this.up) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const redis = this.redis;
      function done(): void {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      }
      redis.on('ready', done);
    });
  }

  /** Why health is degraded because of the shared state, or undefined when Redis answers. */
  problem(): string | undefined {
    if (this.up) return undefined;
    return `the shared state (Redis at ${this.where}) cannot be reached: partner limits are per instance`;
  }

  readonly limits: PartnerLimits = {
    take: async (partnerId, conditional, now) => {
      const capacity = conditional ? this.deps.partnerPullsPerMinute * 10 : this.deps.partnerPullsPerMinute;
      const key = `${PREFIX}limit:${conditional ? 'c' : 'u'}:${partnerId}`;
      const wait = await this.command(() => this.redis.eval(BUCKET, 1, key, capacity, now));
      return typeof wait === 'number' ? wait : this.local.take(partnerId, conditional, now);
    },
  };

  readonly memory: VerifiedKeyMemory = {
    recall: async (digest) => {
      const opened = await this.command(() => this.redis.get(`${PREFIX}key:${digest}`));
      return typeof opened === 'string' ? opened : undefined;
    },
    remember: (digest, opened) => {
      void this.command(() => this.redis.set(`${PREFIX}key:${digest}`, opened, 'EX', KEY_MEMORY_SECONDS));
    },
  };

  readonly validators: ValidatorRecord = {
    agree: async (key, hash, proposed, now) => {
      const agreed = await this.command(() =>
        this.redis.eval(VALIDATOR, 1, `${PREFIX}validators`, key, hash, proposed, now),
      );
      return typeof agreed === 'number' ? agreed : proposed;
    },
  };

  /** Records a pull for every instance to see (`courier partners list`); the later time wins. */
  recordPull(partnerId: string, keyPrefix: string, at: number): void {
    const field = `${partnerId}\n${keyPrefix}`;
    void this.command(() => this.redis.eval(KEEP_LATER, 1, `${PREFIX}pulls`, field, new Date(at).toISOString()));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await Promise.resolve();
  }

  /** Runs a command; undefined when it failed (the connection down, too slow, an error from Redis). */
  private async command<T>(run: () => Promise<T>): Promise<T | undefined> {
    if (!this.up) return undefined;
    try {
      return await run();
    } catch (error) {
      // Redis is down or slow: the caller falls back to this instance's own state, and health says degraded.
      this.deps.log.warn(`shared state command failed: ${errorMessage(error)}`, { err: error });
      if (this.redis.status !== 'ready') this.mark(false);
      return undefined;
    }
  }

  private mark(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    this.deps.metrics?.sharedState(up);
    if (up) this.deps.log.info(`shared state (Redis at ${this.where}) connected`, { redis: this.where });
    else this.deps.log.warn(`${this.problem() ?? ''}; retrying every second`, { redis: this.where });
  }
}

/** The URL without its password, for the log and health. */
function redacted(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
