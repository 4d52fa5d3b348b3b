import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { FeedStore } from './feed-store.js';
import { serveFeed } from './serve-feed.js';

/**
 * The server's request listener: a GET or HEAD whose URL is exactly a stored feed is answered before Express
 * builds its request and response objects (the hot path of every poll); everything else, feeds with a query
 * string included, goes to the Express app, which answers feeds with the same serveFeed.
 */
export function createListener(app: Express, store: FeedStore): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url !== undefined && serveFeed(store, req, res, req.url)) return;
    app(req, res);
  };
}
