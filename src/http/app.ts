import express, { type Express } from 'express';
import type { CourierMetrics } from '../observe/metrics.js';
import type { Logger } from '../lib/logger.js';
import type { HubEndpoint } from '../websub/hub.js';
import { hubRoute } from './hub-route.js';
import { health, indexPage, notFound, oldFeedAddresses, onlyReadMethods, unavailableUntil } from './app-handlers.js';
import { errorHandler } from './error-handler.js';
import { pullPartnerFeed, type PartnerPullDeps } from './partner-pull.js';
import { RateLimiter, type PartnerLimits } from './rate-limit.js';
import { TRUST_NOBODY, type TrustProxy } from './client.js';
import type { FeedResponder } from './serve-feed.js';
import type { ServiceState } from './state.js';

export interface AppDeps {
  readonly state: ServiceState;
  readonly clock: () => number;
  readonly log: Logger;
  /** Full downloads a partner may make a minute. */
  readonly partnerPullsPerMinute: number;
  /** Health says degraded when the last successful build is older than this, in seconds. */
  readonly staleAfter: number;
  /** The server's one FeedResponder, which its fast path answers with too. */
  readonly feeds: FeedResponder;
  /** Where partner requests and throttles are counted; none when absent. */
  readonly metrics?: CourierMetrics;
  /** The built-in WebSub hub, when it is on: POST HUB_PATH (hub-route.ts). */
  readonly hub?: HubEndpoint | undefined;
  /** Where partner pulls are counted against the limit; this process's own buckets by default. */
  readonly limiter?: PartnerLimits;
  /** Whose X-Forwarded-* headers are believed (Express's 'trust proxy', and the key checks' client address). */
  readonly trust?: TrustProxy;
}

/**
 * The Courier Express app, without listening. The service is read-only, GET and HEAD only, but for the built-in
 * WebSub hub's subscription requests (POST /hub, when the hub is on). The app answers
 * public feeds too, but most feed requests never reach it: server.ts answers them first, on its fast path, so
 * middleware added here does not see them.
 */
export function createApp(deps: AppDeps): Express {
  const { state, feeds, clock, staleAfter } = deps;
  const partnerPulls = partnerPullDeps(deps);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The one route that takes a POST: the built-in hub's subscription requests, when the hub is on.
  if (deps.hub) app.use(hubRoute(deps.hub));
  const trust = deps.trust ?? TRUST_NOBODY;
  app.set('trust proxy', (address: string) => trust(address));
  app.use(onlyReadMethods);
  app.use(oldFeedAddresses(state));
  app.get(
    ['/', '/feeds/'],
    unavailableUntil(() => state.feedsLoaded),
    indexPage(state, feeds),
  );
  app.get('/healthz', health(state, clock, staleAfter));
  app.get(
    '/feeds/{*rest}',
    (req, res, next) => {
      const feed = state.store.get(req.path);
      if (feed) feeds.respond(feed, req, res);
      else {
        state.store.archive(req.path).then((page) => (page ? feeds.respond(page, req, res) : next()), next);
      }
    },
    unavailableUntil(() => state.feedsLoaded),
  );
  app.get(
    '/partners/{*rest}',
    unavailableUntil(() => state.partnersLoaded),
    (req, res) => pullPartnerFeed(partnerPulls, req, res),
  );
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}

function partnerPullDeps(deps: AppDeps): PartnerPullDeps {
  const { state, clock, log, partnerPullsPerMinute, feeds, metrics } = deps;
  return {
    partners: state.partners,
    limiter: deps.limiter ?? new RateLimiter(partnerPullsPerMinute),
    trust: deps.trust ?? TRUST_NOBODY,
    clock,
    log,
    feeds,
    metrics,
    recordPull: (id, prefix, at) => state.recordPull(id, prefix, at),
  };
}
