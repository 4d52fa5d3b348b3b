import type { Config } from '../config/config.js';
import { trustProxies, type TrustProxy } from '../http/client.js';
import { Purger } from '../http/purge.js';
import type { PartnerLimits } from '../http/rate-limit.js';
import type { ServiceState } from '../http/state.js';
import type { Logger } from '../lib/logger.js';
import type { CourierMetrics } from '../observe/metrics.js';
import type { VerifiedKeyMemory } from '../partners/verifier.js';
import type { ValidatorRecord } from '../publish/output.js';
import { SharedState } from './shared-state.js';

/**
 * What running several instances adds (config.scale, docs/deploy.md), each part off unless configured: the
 * shared state in Redis, the caches to purge, the proxies whose forwarded headers count.
 */
export class ScaleOut {
  readonly trust: TrustProxy;
  private readonly shared: SharedState | undefined;
  private readonly purger: Purger | undefined;
  private purging: Promise<void> = Promise.resolve();

  constructor(config: Config, log: Logger, metrics: CourierMetrics | undefined) {
    const { redisUrl, purgeUrls, trustedProxies } = config.scale;
    this.trust = trustProxies(trustedProxies);
    const { partnerPullsPerMinute } = config;
    this.shared =
      redisUrl === undefined ? undefined : new SharedState({ url: redisUrl, partnerPullsPerMinute, log, metrics });
    this.purger = purgeUrls.length === 0 ? undefined : new Purger({ caches: purgeUrls, log, metrics });
  }

  get limits(): PartnerLimits | undefined {
    return this.shared?.limits;
  }

  get memory(): VerifiedKeyMemory | undefined {
    return this.shared?.memory;
  }

  get validators(): ValidatorRecord | undefined {
    return this.shared?.validators;
  }

  /** Resolves once the shared state answers, or after `ms` (at once without one): before the first build. */
  async connected(ms: number): Promise<void> {
    await this.shared?.connected(ms);
  }

  /** Has the served state report the shared state's health, record pulls in it, and purge what builds change. */
  attach(state: ServiceState): void {
    const { shared, purger } = this;
    if (shared) {
      state.sharedProblem = () => shared.problem();
      state.onPull = (id, prefix, at) => shared.recordPull(id, prefix, at);
    }
    if (purger) state.onChanged = (paths) => void (this.purging = purger.purge(paths));
  }

  /** The purges under way, for tests: settles when every cache answered or timed out. */
  get purged(): Promise<void> {
    return this.purging;
  }

  async close(): Promise<void> {
    await this.shared?.close();
  }
}
