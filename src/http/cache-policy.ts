import type { CachePolicy } from '../config/config.js';

export function cacheControl(policy: CachePolicy): string {
  const { maxAge, staleWhileRevalidate, staleIfError } = policy;
  return `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}, stale-if-error=${staleIfError}`;
}
