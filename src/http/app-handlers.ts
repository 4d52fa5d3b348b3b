import type { RequestHandler } from 'express';
import { INDEX_PAGE } from '../render/formats.js';
import { urlPathOf } from './feed-store.js';
import { sendRedirect } from './redirects.js';
import type { FeedResponder } from './serve-feed.js';
import type { ServiceState } from './state.js';

const ALLOWED = 'GET, HEAD, OPTIONS';

/** An old feed address (site.yaml's `redirects`): 301 to the Courier feed, as server.ts answers it too. */
export function oldFeedAddresses(state: ServiceState): RequestHandler {
  return (req, res, next) => {
    const moved = state.redirects.target(req.method, req.originalUrl);
    if (moved === undefined) return next();
    sendRedirect(req, res, moved);
  };
}

export const onlyReadMethods: RequestHandler = (req, res, next) => {
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
export function indexPage(state: ServiceState, feeds: FeedResponder): RequestHandler {
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
export function health(state: ServiceState, clock: () => number, staleAfter: number): RequestHandler {
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
export function unavailableUntil(loaded: () => boolean): RequestHandler {
  return (_req, res, next) => {
    if (loaded()) return next();
    res
      .set({ 'Retry-After': '5', 'Cache-Control': 'no-store' })
      .status(503)
      .type('text')
      .send('Starting; try again in a few seconds.\n');
  };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text').send('Not found\n');
};
