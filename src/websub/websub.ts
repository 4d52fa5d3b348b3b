import type { WebSubConfig } from '../config/config.js';
import type { Logger } from '../lib/logger.js';
import type { WebSubMetrics } from '../observe/websub-metrics.js';
import type { OutputFile } from '../publish/output.js';
import type { Publication } from '../publish/report.js';
import { AddressGuard } from './address-guard.js';
import { Distributor } from './distributor.js';
import { HubEndpoint } from './hub.js';
import { HubPublisher } from './publisher.js';
import type { RetryPolicy } from './retry.js';
import { SubscriptionStore } from './subscriptions.js';
import { TopicIndex, type KeyCheck } from './topics.js';

export interface WebSubDeps {
  readonly config: WebSubConfig;
  /** The state folder: the built-in hub's subscriptions are kept there. */
  readonly stateDir: string;
  readonly clock: () => number;
  readonly log: Logger;
  readonly metrics?: WebSubMetrics | undefined;
  /** Whose a partner key is (partners/verifier.ts through the server's PartnerStore). */
  readonly checkKey: KeyCheck;
  /** Retries of notifications and deliveries; the default waits 1, 2, 4 and 8 s. */
  readonly retry?: RetryPolicy;
}

/**
 * WebSub in the running service: the publisher that tells hubs of others about changed feeds, and the
 * built-in hub (when config.hub) with its subscriptions, verifications and deliveries. The service hands it
 * every published build; nothing here ever holds a build or a response up.
 */
export class WebSub {
  private readonly publisher: HubPublisher;
  private topics = new TopicIndex();
  private readonly store: SubscriptionStore | undefined;
  private readonly distributor: Distributor | undefined;
  /** The built-in hub's endpoint, for the HTTP layer's HUB_PATH; undefined when the hub is off. */
  readonly hub: HubEndpoint | undefined;

  constructor(private readonly deps: WebSubDeps) {
    const { config, log, metrics, retry } = deps;
    this.publisher = new HubPublisher({ hubs: config.hubs, log, metrics, ...(retry && { retry }) });
    if (!config.hub) return;
    const store = SubscriptionStore.open(deps.stateDir);
    const guard = new AddressGuard(config.allowPrivateCallbacks);
    this.store = store;
    this.distributor = new Distributor({ store, guard, log, metrics, ...(retry && { retry }) });
    const { clock, checkKey } = deps;
    const topics = () => this.topics;
    this.hub = new HubEndpoint({ store, guard, log, metrics, clock, lease: config.lease, topics, checkKey });
  }

  /** The hubs feeds name, for the builder: public feeds all of them, partner feeds the built-in hub only. */
  static hubsOf(config: WebSubConfig): { public: string[]; partner: string[] } {
    const own = config.hub ? [config.hubUrl] : [];
    return { public: [...config.hubs, ...own], partner: own };
  }

  /** The feeds served at start: the publisher compares the first build with them. */
  seed(files: Iterable<OutputFile>): void {
    this.publisher.seed(files);
  }

  /** A build was published: notify hubs of changed public feeds and push changed topics to their subscribers. */
  published(publication: Publication): void {
    this.publisher.published(publication);
    this.topics = new TopicIndex(publication);
    const { store, distributor } = this;
    if (!store || !distributor) return;
    const now = this.deps.clock();
    const expired = store.expire(now);
    if (expired > 0) this.deps.log.info(`websub: ${expired} leases ended`, { expired });
    const hubUrl = new URL(this.deps.config.hubUrl, publication.site.feedsUrl).href;
    for (const url of store.topics(now)) {
      const topic = this.topics.get(url);
      if (!topic || store.lastHash(url) === topic.file.hash) continue;
      store.setLastHash(url, topic.file.hash);
      distributor.distribute(url, topic.file, hubUrl, now);
    }
  }

  /** Stops retrying, waits for the work in flight (each bounded by its timeout), and closes the database. */
  async close(): Promise<void> {
    await Promise.all([this.publisher.close(), this.hub?.close(), this.distributor?.close()]);
    this.store?.close();
  }
}
