import type { IncomingMessage } from 'node:http';
import type { CourierMetrics } from '../observe/metrics.js';
import type { PollStats } from '../observe/poll-stats.js';
import { clientAddress, TRUST_NOBODY, type TrustProxy } from './client.js';
import type { Encoding, StoredFeed } from './stored-feed.js';

/**
 * What watches the feed responses, for FeedResponder, which both request paths answer feeds with: the metrics
 * count every feed response, the poll statistics (and the politeness policy, which reads them) the public
 * feeds only, not the pages beside them (the index page and the feeds' stylesheet), which people open. Either
 * may be absent.
 */
export class FeedTraffic {
  constructor(
    private readonly metrics: CourierMetrics | undefined,
    private readonly polls: PollStats | undefined,
    /** Whose X-Forwarded-For names the client. */
    private readonly trust: TrustProxy = TRUST_NOBODY,
  ) {}

  /** 0 when the request is answered; else the seconds the politeness policy makes its client wait. */
  wait(feed: StoredFeed, req: IncomingMessage, conditional: boolean, now: number): number {
    if (!this.polls?.polite || conditional || !polled(feed)) return 0;
    return this.polls.wait(
      feed.path,
      clientAddress(req, this.trust),
      req.headers['user-agent'] ?? '',
      conditional,
      now,
    );
  }

  /** Counts a response sent: its status, encoding and body bytes. */
  sent(
    feed: StoredFeed,
    req: IncomingMessage,
    conditional: boolean,
    answer: { readonly status: number; readonly encoding: Encoding; readonly bytes: number },
    now: number,
  ): void {
    this.metrics?.feedResponse(feed.kind, answer.status, answer.encoding, answer.bytes);
    if (!this.polls || !polled(feed)) return;
    this.polls.record(
      feed.path,
      clientAddress(req, this.trust),
      req.headers['user-agent'] ?? '',
      conditional,
      answer.status,
      now,
      answer.status === 200 && req.method === 'GET',
    );
  }
}

/** Whether the poll statistics count requests for it: a public feed, not a partner's, not a page. */
function polled(feed: StoredFeed): boolean {
  return feed.kind !== 'partner' && feed.kind !== 'page';
}
