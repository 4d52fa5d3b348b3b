import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { ServiceState } from './state.js';
import { renderIndexPage } from './index-page.js';
import { serveFeed } from './serve-feed.js';
import { pullPartnerFeed } from './partner-pull.js';
import { RateLimiter } from './rate-limit.js';

export interface AppDeps {
  readonly state: ServiceState;
  readonly clock: () => number;
  readonly log: (line: string) => void;
  /** Full downloads a partner may make a minute. */
  readonly partnerPullsPerMinute: number;
}

const ALLOWED = 'GET, HEAD, OPTIONS';

/** The Courier HTTP app, without listening. The service is read-only: GET and HEAD only. */
export function createApp({ state, clock, log, partnerPullsPerMinute }: AppDeps): Express {
  const app = express();
  const partnerPulls = {
    partners: state.partners, limiter: new RateLimiter(partnerPullsPerMinute), clock, log,
    recordPull: (id: string, prefix: string, at: number) => state.recordPull(id, prefix, at),
  };
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(onlyReadMethods);
  app.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-cache').type('html').send(renderIndexPage(state.siteTitle, state.siteDescription, state.feeds));
  });
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').status(state.lastSuccess ? 200 : 503).json({
      status: state.lastSuccess ? 'ok' : 'starting',
      lastBuild: state.lastSuccess ?? null,
      lastFailure: state.lastFailure ?? null,
    });
  });
  app.get('/feeds/{*rest}', (req, res, next) => {
    if (!serveFeed(state.store, req, res, req.path)) next();
  });
  app.get('/partners/{*rest}', (req, res) => pullPartnerFeed(partnerPulls, req, res));
  app.use((_req, res) => {
    res.status(404).type('text').send('Not found\n');
  });
  app.use(errorHandler);
  return app;
}

const onlyReadMethods: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.set('Allow', ALLOWED);
  if (req.method === 'OPTIONS') {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': ALLOWED, 'Access-Control-Max-Age': '86400' });
    res.status(204).end();
    return;
  }
  res.status(405).type('text').send('Method not allowed\n');
};

/** The one error handler: a status and a short reason, never a stack trace. */
const errorHandler: ErrorRequestHandler = (error: { status?: number; statusCode?: number }, _req, res, _next) => {
  const status = error.status ?? error.statusCode ?? 500;
  const clientError = status >= 400 && status < 500;
  if (!clientError) console.error('courier: request failed:', error);
  res.status(clientError ? status : 500).type('text').send(clientError ? 'Bad request\n' : 'Internal server error\n');
};
