import type { IncomingMessage, ServerResponse } from 'node:http';
import { isNotModified } from './conditional.js';
import type { EncodingChooser } from './encoding.js';
import type { StoredFeed } from './feed-store.js';

/**
 * Answers a GET or HEAD for a stored feed, public or partner, with node:http alone: 200 or 304 in the
 * encoding the client accepts, with the headers computed at build time. Every path that sends a feed sends
 * it through here, so they all send the same headers.
 */
export class FeedResponder {
  constructor(private readonly encodings: EncodingChooser) {}

  /** Sends the feed; returns the status sent. */
  respond(feed: StoredFeed, req: IncomingMessage, res: ServerResponse): 200 | 304 {
    const variant = feed.variants[this.encodings.choose(req.headers['accept-encoding'])];
    if (isNotModified(req.headers, feed.tag, feed.lastModified)) {
      res.writeHead(304, variant.notModified as string[]);
      res.end();
      return 304;
    }
    res.writeHead(200, variant.ok as string[]);
    res.end(req.method === 'HEAD' ? undefined : variant.body);
    return 200;
  }
}
