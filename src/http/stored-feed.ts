import type { IncomingMessage } from 'node:http';
import type { OutputFile } from '../publish/output.js';
import type { FeedKind } from '../observe/feed-metrics.js';

export type Encoding = 'gzip' | 'identity';

/** One representation of a feed with its response headers, computed once per build. */
export interface Variant {
  readonly body: Buffer;
  /** The ETag it is sent with, quotes and all. */
  readonly etag: string;
  /** Flat [name, value, …] lists, as res.writeHead takes them. */
  readonly ok: readonly string[];
  readonly notModified: readonly string[];
  /**
   * The same lists with a Date header last, its value filled in as each response is sent (serve-feed.ts): made
   * once, not copied for every request. writeHead reads a list at once and keeps none.
   */
  readonly dated: { readonly ok: string[]; readonly notModified: string[] };
}

export interface StoredFeed {
  readonly path: string;
  /** What the metrics and statistics count it as. */
  readonly kind: FeedKind;
  /** The first 32 hex digits of the SHA-256: what every variant's ETag is made of. */
  readonly tag: string;
  readonly lastModified: number;
  /** Its Link header (WebSub hubs), which a build may add to the same bytes (a folder an older version made). */
  readonly link: string | undefined;
  readonly variants: Readonly<Record<Encoding, Variant>>;
  /** An RSS or Atom feed's variants for a browser opening it: sent as XML, so it applies the stylesheet. */
  readonly browserVariants?: Readonly<Record<Encoding, Variant>>;
}

/**
 * Public RSS and Atom feeds, which browsers show as text under their own media types but through the feed's
 * stylesheet as XML: a browser opening one (Sec-Fetch-Dest: document, which feed readers never send) gets it
 * as application/xml, the same bytes; everyone else gets the feed's own type (docs/decisions.md). Partner
 * feeds name no stylesheet and are not for browsers.
 */
const SHOWN_AS_XML = new Set(['application/rss+xml', 'application/atom+xml']);
const XML_FOR_BROWSERS = 'application/xml; charset=utf-8';

/** The variant for a request: its encoding, and for a browser opening an RSS or Atom feed, XML. */
export function variantFor(feed: StoredFeed, req: IncomingMessage, encoding: Encoding): Variant {
  const { browserVariants } = feed;
  const variants = browserVariants && req.headers['sec-fetch-dest'] === 'document' ? browserVariants : feed.variants;
  return variants[encoding];
}

/** A file ready to serve: its variants with every header computed once, `shared` added to each. */
export function storedFeed(file: OutputFile, shared: readonly string[], kind: FeedKind): StoredFeed {
  const tag = file.hash.slice(0, 32);
  const forBrowsers = kind !== 'partner' && SHOWN_AS_XML.has(file.type.replace(/;.*$/, ''));
  const headers = forBrowsers ? varyingBySecFetchDest(shared) : shared;
  const link = file.link === undefined ? [] : ['Link', file.link];
  const common = [...headers, 'Last-Modified', new Date(file.lastModified).toUTCString(), ...link];
  const variants = (type: string) => {
    const variant = (body: Buffer, encoding: Encoding): Variant => {
      const etag = encoding === 'identity' ? `"${tag}"` : `"${tag}-${encoding}"`;
      const coding = encoding === 'identity' ? [] : ['Content-Encoding', encoding];
      const ok = ['Content-Type', type, 'Content-Length', String(body.length), ...coding, 'ETag', etag, ...common];
      const notModified = ['ETag', etag, ...common];
      const dated = { ok: [...ok, 'Date', ''], notModified: [...notModified, 'Date', ''] };
      return { body, etag, ok, notModified, dated };
    };
    return { identity: variant(file.body, 'identity'), gzip: variant(file.gzip, 'gzip') };
  };
  return {
    path: file.path,
    kind,
    tag,
    lastModified: file.lastModified,
    link: file.link,
    variants: variants(file.type),
    ...(forBrowsers && { browserVariants: variants(XML_FOR_BROWSERS) }),
  };
}

/** The shared headers with Sec-Fetch-Dest added to Vary, for caches to keep the browsers' variant apart. */
function varyingBySecFetchDest(shared: readonly string[]): string[] {
  return shared.map((entry, index) => (shared[index - 1] === 'Vary' ? `${entry}, Sec-Fetch-Dest` : entry));
}
