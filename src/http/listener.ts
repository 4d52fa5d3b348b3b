import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { FeedStore } from './feed-store.js';
import { redactKeys } from './redact.js';
import { serveFeed } from './serve-feed.js';

/**
 * The server's request listener: a GET or HEAD whose URL is exactly a stored feed is answered before Express
 * builds its request and response objects (the hot path of every poll); everything else, feeds with a query
 * string included, goes to the Express app, which answers feeds with the same serveFeed.
 */
export function createListener(app: Express, store: FeedStore, accessLog?: AccessLog): RequestListener {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && req.url !== undefined && serveFeed(store, req, res, req.url)) return;
    app(req, res);
  };
  if (!accessLog) return listener;
  return (req, res) => {
    res.once('finish', () => accessLog(accessLine(req, res)));
    listener(req, res);
  };
}

export type AccessLog = (line: string) => void;

/** `GET /feeds/rss.xml 304 conditional "newsboat/2.21"`: enough to see who polls how, and nothing secret. */
function accessLine(req: IncomingMessage, res: ServerResponse): string {
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  const agent = JSON.stringify(req.headers['user-agent'] ?? '');
  return `${req.method} ${redactKeys(req.url ?? '')} ${res.statusCode} ${conditional ? 'conditional' : 'unconditional'} ${agent}`;
}
