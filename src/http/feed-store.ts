import type { OutputFile } from '../publish/output.js';
import type { CachePolicy } from '../config/config.js';
import type { FeedKind } from '../observe/feed-metrics.js';
import { FEED_STYLESHEET } from '../render/feed-stylesheet.js';
import { INDEX_PAGE, OPML } from '../render/formats.js';
import { isArchivePath } from '../model/archive.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import { ArchiveLoader } from './archive-loader.js';
import { ARCHIVE_CACHE_CONTROL, cacheControl } from './cache-policy.js';
import { storedFeed, type StoredFeed } from './stored-feed.js';

export const FEEDS_PREFIX = '/feeds/';

/** The feeds being served, held in memory and swapped whole when a build finishes. */
export class FeedStore {
  private feeds = new Map<string, StoredFeed>();
  private archives = new Map<string, ArchiveFile>();
  /** The URL path of each file served now, by its path: encoded once, not at every build (thousands of archives). */
  private urlPaths = new Map<string, string>();
  private readonly loader: ArchiveLoader<StoredFeed> | undefined;

  /** `outDir`, the feeds folder, is where archive documents are served from; none are served without it. */
  constructor(
    private readonly policy: CachePolicy,
    outDir?: string,
  ) {
    const headers = publicHeaders(ARCHIVE_CACHE_CONTROL);
    const toStored = (file: OutputFile) => storedFeed(file, headers, publicKindOf(file.path));
    this.loader = outDir === undefined ? undefined : new ArchiveLoader(outDir, toStored);
  }

  /** The headers every public feed response carries besides its own; archive documents are kept for good. */
  private shared(path: string): string[] {
    return publicHeaders(isArchivePath(path) ? ARCHIVE_CACHE_CONTROL : cacheControl(this.policy));
  }

  /**
   * Serves these files from now on. The manifest is the build's own record, not a feed: it is not served.
   * Returns the URL paths whose bytes changed (added, changed or gone); none when nothing was served before, as
   * an instance that has just started changes nothing a cache in front holds.
   */
  replace(files: readonly OutputFile[], archives: readonly ArchiveFile[] = []): string[] {
    const urlPaths = new Map<string, string>();
    const urlPath = (filePath: string): string => {
      const encoded = this.urlPaths.get(filePath) ?? urlPathOf(filePath);
      urlPaths.set(filePath, encoded);
      return encoded;
    };
    this.archives = new Map(archives.map((file) => [urlPath(file.path), file]));
    const next = new Map<string, StoredFeed>();
    const previous = this.feeds;
    const changed: string[] = [];
    for (const file of files) {
      const path = urlPath(file.path);
      const before = previous.get(path);
      const same =
        before?.tag === file.hash.slice(0, 32) &&
        before.lastModified === file.lastModified &&
        before.link === file.link;
      const feed = same ? before : storedFeed(file, this.shared(file.path), publicKindOf(file.path));
      if (before !== feed) changed.push(path);
      next.set(path, feed);
    }
    for (const path of previous.keys()) if (!next.has(path)) changed.push(path);
    this.feeds = next;
    this.urlPaths = urlPaths;
    return previous.size === 0 ? [] : changed;
  }

  /**
   * Looks up a URL path as sent: exact first, then each segment in canonical percent-encoding, so a slug that
   * is not ASCII matches however its bytes are encoded (hex in either case). Segments are decoded one by one:
   * an encoded slash (%2F) stays inside its segment and matches no feed, since a path holding one is another
   * resource (RFC 3986 §2.2), not a second address, and a second cache key, of the same feed.
   */
  get(urlPath: string): StoredFeed | undefined {
    return lookUp(this.feeds, urlPath);
  }

  /** An archive document's file, read from the feeds folder; undefined when there is no such file. */
  async archive(urlPath: string): Promise<StoredFeed | undefined> {
    const file = lookUp(this.archives, urlPath);
    return file && this.loader?.load(file);
  }

  get size(): number {
    return this.feeds.size;
  }
}

/** The kind of a public file, by its path under the feeds folder (see model/plan.ts for the folders). */
export function publicKindOf(path: string): FeedKind {
  if (path === OPML.file) return 'opml';
  if (path === INDEX_PAGE.file || path === FEED_STYLESHEET.file) return 'page';
  if (path.startsWith('categories/')) return 'category';
  return path.startsWith('authors/') ? 'author' : 'site';
}

function lookUp<T>(map: ReadonlyMap<string, T>, urlPath: string): T | undefined {
  const exact = map.get(urlPath);
  if (exact || !urlPath.includes('%')) return exact;
  try {
    return map.get(urlPath.split('/').map(canonicalSegment).join('/'));
  } catch {
    // Not valid percent-encoding (a URIError), so not the path of any feed.
    return undefined;
  }
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
