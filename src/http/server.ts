import { createServer as createNodeServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { withAccessLog } from './access-log.js';
import { createApp, type AppDeps } from './app.js';
import { EncodingChooser } from './encoding.js';
import type { FeedStore } from './feed-store.js';
import type { StoredFeed } from './stored-feed.js';
import { FeedResponder } from './serve-feed.js';
import { sendRedirect } from './redirects.js';
import { FeedTraffic } from './traffic.js';
import type { PollStats } from '../observe/poll-stats.js';

/** What the Express app needs but the FeedResponder, which the server makes and shares between both paths. */
export interface ServerDeps extends Omit<AppDeps, 'feeds'> {
  /** Log an entry for every request (access-log.ts) through `log`. */
  readonly accessLog?: boolean;
  /** A monotonic clock in ms, for the access log's durations; performance.now by default (never stepped). */
  readonly elapsed?: () => number;
  /** Where the polls of public feeds are counted, and the politeness policy decided; none when absent. */
  readonly polls?: PollStats;
}

/**
 * The Courier HTTP server, not yet listening: one node:http server with two paths to an answer, and the one
 * place that says which request takes which.
 *
 * - Fast path: a GET or HEAD whose URL is a stored public feed, with no query string (see fastPathFeed), is
 *   answered here, before Express builds its request and response objects. Feed polls are nearly all the
 *   traffic, and a plain Express route reaches only 40–50% of a bare node:http server's throughput.
 * - Everything else goes to the Express app (app.ts), feeds with a query string included, which answers feeds
 *   with the same FeedResponder. test/http/two-paths.test.ts holds both paths to the same status, headers and
 *   body.
 *
 * Old feed addresses (site.yaml's `redirects`) are answered 301 here too, before Express, whatever their query
 * string; the Express app answers them the same way (app-handlers.ts) for requests that reach it alone.
 *
 * So Express middleware never sees most requests: what must apply to every request (the access log) is
 * wrapped around both paths here, and how a feed is answered (and counted: metrics, poll statistics, the
 * politeness policy) belongs in FeedResponder, not in app.ts.
 */
export function createServer(deps: ServerDeps): Server {
  const { state, clock, log, accessLog, metrics, polls, trust } = deps;
  const elapsed = deps.elapsed ?? (() => performance.now());
  const traffic = metrics || polls ? new FeedTraffic(metrics, polls, trust) : undefined;
  const feeds = new FeedResponder(new EncodingChooser(), clock, traffic);
  const app = createApp({ ...deps, feeds });
  const listener: RequestListener = (req, res) => {
    const feed = fastPathFeed(state.store, req);
    const moved = feed ? undefined : state.redirects.target(req.method, req.url);
    if (feed) feeds.respond(feed, req, res);
    else if (moved !== undefined) sendRedirect(req, res, moved);
    else app(req, res);
  };
  return createNodeServer(accessLog ? withAccessLog(listener, log, elapsed, trust) : listener);
}

/**
 * The stored public feed a request is answered with on the fast path: a GET or HEAD whose whole URL, query
 * string and all, is a feed's path (see FeedStore.get for which encodings). Undefined sends it to Express.
 */
export function fastPathFeed(store: FeedStore, req: Pick<IncomingMessage, 'method' | 'url'>): StoredFeed | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  return req.url === undefined ? undefined : store.get(req.url);
}
