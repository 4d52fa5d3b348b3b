import type { IncomingMessage, ServerResponse } from 'node:http';
import { isNotModified } from './conditional.js';
import { chooseEncoding } from './encoding.js';
import type { FeedStore, StoredFeed } from './feed-store.js';

/**
 * Answers a GET or HEAD for a stored feed with node:http alone, from headers computed at build time.
 * Returns false, having sent nothing, when the path is not a feed.
 */
export function serveFeed(store: FeedStore, req: IncomingMessage, res: ServerResponse, urlPath: string): boolean {
  const feed = store.get(urlPath);
  if (!feed) return false;
  respondWithFeed(feed, req, res);
  return true;
}

/** 200 or 304 for a stored feed, with its precomputed headers; returns the status sent. */
export function respondWithFeed(feed: StoredFeed, req: IncomingMessage, res: ServerResponse): 200 | 304 {
  const variant = feed.variants[chooseEncoding(req.headers['accept-encoding'])];
  if (isNotModified(req.headers, feed.tag, feed.lastModified)) {
    res.writeHead(304, variant.notModified as string[]);
    res.end();
    return 304;
  }
  res.writeHead(200, variant.ok as string[]);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
  return 200;
}
