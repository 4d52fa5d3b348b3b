import type { OutputFile } from '../publish/output.js';
import type { CachePolicy } from '../config/config.js';
import type { FeedKind } from '../observe/metrics.js';
import { OPML } from '../render/formats.js';
import { isArchivePath } from '../model/archive.js';
import { ARCHIVE_CACHE_CONTROL, cacheControl } from './cache-policy.js';

export type Encoding = 'br' | 'gzip' | 'identity';

/** One representation of a feed with its response headers, computed once per build. */
export interface Variant {
  readonly body: Buffer;
  /** Flat [name, value, …] lists, as res.writeHead takes them. */
  readonly ok: readonly string[];
  readonly notModified: readonly string[];
}

export interface StoredFeed {
  readonly path: string;
  /** What the metrics and statistics count it as. */
  readonly kind: FeedKind;
  /** The first 32 hex digits of the SHA-256: what every variant's ETag is made of. */
  readonly tag: string;
  readonly lastModified: number;
  readonly variants: Readonly<Record<Encoding, Variant>>;
}

export const FEEDS_PREFIX = '/feeds/';

/** The feeds being served, held in memory and swapped whole when a build finishes. */
export class FeedStore {
  private feeds = new Map<string, StoredFeed>();

  constructor(private readonly policy: CachePolicy) {}

  /** The headers every public feed response carries besides its own; archive documents are kept for good. */
  private shared(path: string): string[] {
    return publicHeaders(isArchivePath(path) ? ARCHIVE_CACHE_CONTROL : cacheControl(this.policy));
  }

  /**
   * Serves these files from now on. The manifest is the build's own record, not a feed: it is not served.
   * Returns the URL paths whose bytes changed (added, changed or gone); none when nothing was served before, as
   * an instance that has just started changes nothing a cache in front holds.
   */
  replace(files: readonly OutputFile[]): string[] {
    const next = new Map<string, StoredFeed>();
    const previous = this.feeds;
    const changed: string[] = [];
    for (const file of files) {
      const path = urlPathOf(file.path);
      const before = previous.get(path);
      const same = before?.tag === file.hash.slice(0, 32) && before.lastModified === file.lastModified;
      const feed = same ? before : storedFeed(file, this.shared(file.path), publicKindOf(file.path));
      if (before !== feed) changed.push(path);
      next.set(path, feed);
    }
    for (const path of previous.keys()) if (!next.has(path)) changed.push(path);
    this.feeds = next;
    return previous.size === 0 ? [] : changed;
  }

  /**
   * Looks up a URL path as sent: exact first, then each segment in canonical percent-encoding, so a slug that
   * is not ASCII matches however its bytes are encoded (hex in either case). Segments are decoded one by one:
   * an encoded slash (%2F) stays inside its segment and matches no feed, since a path holding one is another
   * resource (RFC 3986 §2.2), not a second address, and a second cache key, of the same feed.
   */
  get(urlPath: string): StoredFeed | undefined {
    const exact = this.feeds.get(urlPath);
    if (exact || !urlPath.includes('%')) return exact;
    try {
      return this.feeds.get(urlPath.split('/').map(canonicalSegment).join('/'));
    } catch {
      // Not valid percent-encoding (a URIError), so not the path of any feed.
      return undefined;
    }
  }

  get size(): number {
    return this.feeds.size;
  }
}

/** The kind of a public file, by its path under the feeds folder (see model/plan.ts for the folders). */
export function publicKindOf(path: string): FeedKind {
  if (path === OPML.file) return 'opml';
  if (path.startsWith('categories/')) return 'category';
  return path.startsWith('authors/') ? 'author' : 'site';
}

export function urlPathOf(filePath: string): string {
  return encodePath(FEEDS_PREFIX + filePath);
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function canonicalSegment(segment: string): string {
  return encodeURIComponent(decodeURIComponent(segment));
}

function publicHeaders(control: string): string[] {
  return [
    'Cache-Control',
    control,
    'Vary',
    'Accept-Encoding',
    'X-Content-Type-Options',
    'nosniff',
    'Access-Control-Allow-Origin',
    '*',
    'Access-Control-Expose-Headers',
    'ETag, Last-Modified',
  ];
}

/** A file ready to serve: its variants with every header computed once, `shared` added to each. */
export function storedFeed(file: OutputFile, shared: readonly string[], kind: FeedKind): StoredFeed {
  const tag = file.hash.slice(0, 32);
  const link = file.link === undefined ? [] : ['Link', file.link];
  const common = [...shared, 'Last-Modified', new Date(file.lastModified).toUTCString(), ...link];
  const variant = (body: Buffer, encoding: Encoding): Variant => {
    const etag = encoding === 'identity' ? `"${tag}"` : `"${tag}-${encoding}"`;
    const coding = encoding === 'identity' ? [] : ['Content-Encoding', encoding];
    return {
      body,
      ok: ['Content-Type', file.type, 'Content-Length', String(body.length), ...coding, 'ETag', etag, ...common],
      notModified: ['ETag', etag, ...common],
    };
  };
  return {
    path: file.path,
    kind,
    tag,
    lastModified: file.lastModified,
    variants: {
      identity: variant(file.body, 'identity'),
      gzip: variant(file.gzip, 'gzip'),
      br: variant(file.br, 'br'),
    },
  };
}
