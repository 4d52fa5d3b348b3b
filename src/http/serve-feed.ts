import type { IncomingMessage, ServerResponse } from 'node:http';
import { isConditional } from './client.js';
import { evaluate, type Verdict } from './conditional.js';
import type { EncodingChooser } from './encoding.js';
import { variantFor, type StoredFeed, type Variant } from './stored-feed.js';
import type { FeedTraffic } from './traffic.js';

const SECOND = 1000;
const PRECONDITION_FAILED = Buffer.from('Precondition failed\n');
const TOO_SOON = Buffer.from('Polled too often without If-None-Match or If-Modified-Since; see Retry-After.\n');

/** What a feed request is answered with: the conditional request's verdict, or 429 from the politeness policy. */
export type FeedStatus = Verdict | 429;

/**
 * Answers a GET or HEAD for a stored feed, public or partner, with node:http alone: 200, 304 or 412 in the
 * encoding the client accepts, with the headers computed at build time and a Date from the server's clock.
 * Every path that sends a feed sends it through here, so they all send the same headers, and here the feed
 * responses are counted (FeedTraffic: metrics, poll statistics) and the politeness policy answers 429.
 */
export class FeedResponder {
  /** The Date header of the current second, made again when the second changes. */
  private dateSecond = Number.NaN;
  private dateText = '';

  constructor(
    private readonly encodings: EncodingChooser,
    private readonly clock: () => number,
    /** Metrics, poll statistics and the politeness policy; none when absent. */
    private readonly traffic?: FeedTraffic,
  ) {}

  /** Sends the feed; returns the status sent. */
  respond(feed: StoredFeed, req: IncomingMessage, res: ServerResponse): FeedStatus {
    const encoding = this.encodings.choose(req.headers['accept-encoding']);
    const variant = variantFor(feed, req, encoding);
    const now = this.clock();
    const { traffic } = this;
    if (!traffic) return this.answer(feed, variant, req, res, now);
    const conditional = isConditional(req);
    const wait = traffic.wait(feed, req, conditional, now);
    const status = wait > 0 ? this.tooSoon(req, res, now, wait) : this.answer(feed, variant, req, res, now);
    const bytes = status === 200 && req.method !== 'HEAD' ? variant.body.length : 0;
    traffic.sent(feed, req, conditional, { status, encoding: status === 429 ? 'identity' : encoding, bytes }, now);
    return status;
  }

  private answer(feed: StoredFeed, variant: Variant, req: IncomingMessage, res: ServerResponse, now: number): Verdict {
    const date = this.date(now);
    // RFC 9110 §8.8.2.1: Last-Modified is never later than Date. A feed built under a clock that has since been
    // stepped back has one in the future: until the clock catches up, it is sent as now, and compared as now.
    const second = Math.floor(now / SECOND) * SECOND;
    const future = feed.lastModified >= second + SECOND;
    const verdict = notModifiedAsSent(req, variant)
      ? 304
      : evaluate(req.headers, feed.tag, future ? second : feed.lastModified, now);
    if (verdict === 412) {
      res.writeHead(412, [
        ...['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(PRECONDITION_FAILED.length)],
        ...['Cache-Control', 'no-store', 'Date', date],
      ]);
      res.end(req.method === 'HEAD' ? undefined : PRECONDITION_FAILED);
      return 412;
    }
    if (future) {
      res.writeHead(verdict, [
        ...lastModifiedAs(verdict === 304 ? variant.notModified : variant.ok, date),
        'Date',
        date,
      ]);
    } else {
      const headers = verdict === 304 ? variant.dated.notModified : variant.dated.ok;
      headers[headers.length - 1] = date;
      res.writeHead(verdict, headers);
    }
    res.end(verdict === 304 || req.method === 'HEAD' ? undefined : variant.body);
    return verdict;
  }

  /** 429 from the politeness policy: the client polled without conditions too soon after its last full poll. */
  private tooSoon(req: IncomingMessage, res: ServerResponse, now: number, wait: number): 429 {
    res.writeHead(429, [
      ...['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(TOO_SOON.length)],
      ...['Retry-After', String(wait), 'Cache-Control', 'no-store', 'Date', this.date(now)],
    ]);
    res.end(req.method === 'HEAD' ? undefined : TOO_SOON);
    return 429;
  }

  private date(now: number): string {
    const second = Math.floor(now / SECOND);
    if (second !== this.dateSecond) {
      this.dateSecond = second;
      this.dateText = new Date(second * SECOND).toUTCString();
    }
    return this.dateText;
  }
}

/**
 * Whether the request is the usual poll, asking only If-None-Match with the very ETag this variant is sent with:
 * 304 then, as evaluate() would say, without parsing the header.
 */
function notModifiedAsSent(req: IncomingMessage, variant: Variant): boolean {
  const { headers } = req;
  return (
    headers['if-none-match'] === variant.etag &&
    headers['if-match'] === undefined &&
    headers['if-unmodified-since'] === undefined
  );
}

/** A copy of a flat header list with Last-Modified's value replaced. */
function lastModifiedAs(headers: readonly string[], value: string): string[] {
  return headers.map((entry, index) => (index % 2 === 1 && headers[index - 1] === 'Last-Modified' ? value : entry));
}
