import type { IncomingHttpHeaders } from 'node:http';

/**
 * RFC 9110 §13.1.2 with weak comparison: any listed tag whose opaque part is the feed's tag, with or without
 * W/ (added by proxies that recompress) and with or without a variant suffix, matches; so does "*".
 */
export function matchesIfNoneMatch(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  for (const raw of header.split(',')) {
    let candidate = raw.trim();
    if (candidate.startsWith('W/')) candidate = candidate.slice(2);
    if (candidate.length < 2 || !candidate.startsWith('"') || !candidate.endsWith('"')) continue;
    const opaque = candidate.slice(1, -1);
    if (opaque === tag || opaque === `${tag}-gzip` || opaque === `${tag}-br`) return true;
  }
  return false;
}

/** Whether the client's copy is current. If-None-Match, when present, decides alone (RFC 9110 §13.2.2). */
export function isNotModified(headers: IncomingHttpHeaders, tag: string, lastModified: number): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return matchesIfNoneMatch(ifNoneMatch, tag);
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified <= since;
}
