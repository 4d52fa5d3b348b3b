import type { IncomingMessage, ServerResponse } from 'node:http';
import { isNotModified } from './conditional.js';
import { chooseEncoding } from './encoding.js';
import type { FeedStore } from './feed-store.js';

/**
 * Answers a GET or HEAD for a stored feed with node:http alone, from headers computed at build time.
 * Returns false, having sent nothing, when the path is not a feed.
 */
export function serveFeed(store: FeedStore, req: IncomingMessage, res: ServerResponse, urlPath: string): boolean {
  const feed = store.get(urlPath);
  if (!feed) return false;
  const variant = feed.variants[chooseEncoding(req.headers['accept-encoding'])];
  if (isNotModified(req.headers, feed.tag, feed.lastModified)) {
    res.writeHead(304, variant.notModified as string[]);
    res.end();
  } else {
    res.writeHead(200, variant.ok as string[]);
    res.end(req.method === 'HEAD' ? undefined : variant.body);
  }
  return true;
}
