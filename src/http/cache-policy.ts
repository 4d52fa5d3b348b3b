import type { CachePolicy } from '../config/config.js';

export function cacheControl(policy: CachePolicy): string {
  return `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}, stale-if-error=${policy.staleIfError}`;
}
