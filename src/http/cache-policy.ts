import type { CachePolicy } from '../config/config.js';

export function cacheControl(policy: CachePolicy): string {
  const { maxAge, staleWhileRevalidate, staleIfError } = policy;
  return `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}, stale-if-error=${staleIfError}`;
}

/**
 * An archive document (RFC 5005 §4): its address holds a version of its bytes, so what is served there never
 * changes; a changed page is published at a new address (publish/archive-page.ts). A year, and `immutable`,
 * so browsers do not revalidate it on reload either.
 */
export const ARCHIVE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
