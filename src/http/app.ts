import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { CourierMetrics } from '../observe/metrics.js';
import type { Logger } from '../lib/logger.js';
import type { HubEndpoint } from '../websub/hub.js';
import { hubRoute } from './hub-route.js';
import { INDEX_PAGE } from '../render/formats.js';
import { urlPathOf } from './feed-store.js';
import { pullPartnerFeed, type PartnerPullDeps } from './partner-pull.js';
import { RateLimiter, type PartnerLimits } from './rate-limit.js';
import { sendRedirect } from './redirects.js';
import { TRUST_NOBODY, type TrustProxy } from './client.js';
import { redactKeys } from './redact.js';
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

const ALLOWED = 'GET, HEAD, OPTIONS';

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

/** An old feed address (site.yaml's `redirects`): 301 to the Courier feed, as server.ts answers it too. */
function oldFeedAddresses(state: ServiceState): RequestHandler {
  return (req, res, next) => {
    const moved = state.redirects.target(req.method, req.originalUrl);
    if (moved === undefined) return next();
    sendRedirect(req, res, moved);
  };
}

const onlyReadMethods: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.set('Allow', ALLOWED);
  if (req.method === 'OPTIONS') {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': ALLOWED,
      'Access-Control-Max-Age': '86400',
    });
    res.status(204).end();
    return;
  }
  res.status(405).type('text').send('Method not allowed\n');
};

/**
 * The index page the last build published (feeds/index.html), answered like a feed (validators, compression)
 * at the root and at the feeds folder, as static hosting of the folder answers it. A feeds folder written
 * before Courier published one has none until the next build: 404 meanwhile.
 */
function indexPage(state: ServiceState, feeds: FeedResponder): RequestHandler {
  const path = urlPathOf(INDEX_PAGE.file);
  return (req, res, next) => {
    const page = state.store.get(path);
    if (page) feeds.respond(page, req, res);
    else next();
  };
}

/**
 * The public health: a status, times and counts, never a path, a problem or an error message (those are in
 * ServiceState.details() and the log). 200 only when ok, so a load balancer or monitor needs only the status.
 */
function health(state: ServiceState, clock: () => number, staleAfter: number): RequestHandler {
  return (_req, res) => {
    const health = state.health(clock(), staleAfter);
    res
      .set('Cache-Control', 'no-store')
      .status(health.status === 'ok' ? 200 : 503)
      .json(health);
  };
}

/**
 * 503 with Retry-After while the service is starting and cannot yet tell a feed that does not exist from one
 * not loaded yet: a 404 might be cached, or make a reader drop the subscription.
 */
function unavailableUntil(loaded: () => boolean): RequestHandler {
  return (_req, res, next) => {
    if (loaded()) return next();
    res
      .set({ 'Retry-After': '5', 'Cache-Control': 'no-store' })
      .status(503)
      .type('text')
      .send('Starting; try again in a few seconds.\n');
  };
}

const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text').send('Not found\n');
};

/**
 * The one error handler: a status and a short reason, never a stack trace. Client errors (a path that is not
 * valid percent-encoding, say) are the client's; anything else is logged, keys redacted, and answered 500.
 */
function errorHandler(log: AppDeps['log']): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const status = statusOf(error);
    const clientError = status >= 400 && status < 500;
    if (!clientError) {
      const path = redactKeys(req.originalUrl);
      log.error(`${req.method} ${path} failed`, { method: req.method, path, err: redactedError(error) });
    }
    // Too late for a status: Express's own final handler then cuts the connection.
    if (res.headersSent) return next(error);
    res
      .status(clientError ? status : 500)
      .type('text')
      .send(clientError ? 'Bad request\n' : 'Internal server error\n');
  };
}

/** The HTTP status an error carries (http-errors and body parsers set `status` or `statusCode`), else 500. */
function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  if (typeof status === 'number') return status;
  return typeof statusCode === 'number' ? statusCode : 500;
}

/** What the log shows of an error (its name, message and stack), with any partner key in them redacted. */
function redactedError(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactKeys(String(error)) };
  const stack = error.stack === undefined ? {} : { stack: redactKeys(error.stack) };
  return { type: error.name, message: redactKeys(error.message), ...stack };
}
