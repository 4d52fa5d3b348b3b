import { Counter, type Registry } from 'prom-client';

/** What a feed is, as the metrics tell feeds apart; "page" is the index page and the feeds' stylesheet. */
export const FEED_KINDS = ['site', 'category', 'author', 'opml', 'partner', 'page'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
const ENCODINGS = ['identity', 'gzip'] as const;
const KIND_INDEX: Readonly<Record<FeedKind, number>> = {
  site: 0,
  category: 1,
  author: 2,
  opml: 3,
  partner: 4,
  page: 5,
};

/**
 * The feed response counters, on the service's registry. Feed responses are the hot path: each adds to a plain
 * map keyed by a small integer, and the counters are set from the maps only when /metrics is scraped
 * (prom-client's `collect`).
 */
export class FeedMetrics {
  /** Feed responses, keyed by ((status × 8) + kind) × 4 + encoding. */
  private readonly responses = new Map<number, number>();
  /** Body bytes sent, by kind × (the number of encodings) + encoding. */
  private readonly bytes = new Float64Array(FEED_KINDS.length * ENCODINGS.length);

  constructor(registry: Registry) {
    const registers = [registry];
    const { responses, bytes } = this;
    const requests = new Counter<'kind' | 'status' | 'encoding'>({
      name: 'courier_feed_requests_total',
      help: 'Feed responses (public and partner) by feed kind, HTTP status and content encoding.',
      labelNames: ['kind', 'status', 'encoding'],
      registers,
      collect: () => {
        requests.reset();
        for (const [key, value] of responses) requests.inc(labelsOf(key), value);
      },
    });
    const sent = new Counter<'kind' | 'encoding'>({
      name: 'courier_feed_response_bytes_total',
      help: 'Bytes of feed bodies sent, by feed kind and content encoding (headers not counted).',
      labelNames: ['kind', 'encoding'],
      registers,
      collect: () => {
        sent.reset();
        bytes.forEach((value, index) => {
          const kind = FEED_KINDS[Math.floor(index / ENCODINGS.length)] ?? 'site';
          if (value > 0) sent.inc({ kind, encoding: ENCODINGS[index % ENCODINGS.length] ?? 'identity' }, value);
        });
      },
    });
  }

  /** A feed response sent: its kind, status, encoding and body bytes. Cheap: the hot path calls it. */
  response(kind: FeedKind, status: number, encoding: 'identity' | 'gzip', bodyBytes: number): void {
    const coding = encoding === 'identity' ? 0 : 1;
    const slot = KIND_INDEX[kind] * ENCODINGS.length + coding;
    const key = (status * 8 + KIND_INDEX[kind]) * 4 + coding;
    this.responses.set(key, (this.responses.get(key) ?? 0) + 1);
    if (bodyBytes > 0) this.bytes[slot] = (this.bytes[slot] ?? 0) + bodyBytes;
  }
}

function labelsOf(key: number): { kind: FeedKind; status: string; encoding: string } {
  const encoding = ENCODINGS[key % 4] ?? 'identity';
  const kind = FEED_KINDS[Math.floor(key / 4) % 8] ?? 'site';
  return { kind, status: String(Math.floor(key / 32)), encoding };
}
