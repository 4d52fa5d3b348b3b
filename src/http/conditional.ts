import type { IncomingHttpHeaders } from 'node:http';
import { parseHttpDate } from './http-date.js';

/** What the preconditions of a GET or HEAD for a feed decide. */
export type Verdict = 200 | 304 | 412;

/**
 * RFC 9110 §13.2.2, steps 1 to 4, for a GET or HEAD of a feed whose tag and Last-Modified (as sent in this
 * response) are given; `now` is the server's clock. Step 5 (If-Range) does not arise: no ranges are served.
 *
 * 1. If-Match, when present: false is 412.
 * 2. If-Unmodified-Since, only without If-Match: false is 412.
 * 3. If-None-Match, when present, decides between 304 and 200 alone.
 * 4. If-Modified-Since otherwise: false is 304.
 *
 * Entity tags name a version of the feed, so the tag of its gzip variant ("…-gzip") matches as its own tag does,
 * in either comparison; so does "…-br", the brotli variant's tag that older versions sent, which a client may
 * still hold for that version. Dates must be HTTP-dates; any other value is ignored.
 */
export function evaluate(headers: IncomingHttpHeaders, tag: string, lastModified: number, now: number): Verdict {
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined) {
    if (!matchesIfMatch(ifMatch, tag)) return 412;
  } else {
    const unmodifiedSince = parseHttpDate(headers['if-unmodified-since'], now);
    if (unmodifiedSince !== undefined && lastModified > unmodifiedSince) return 412;
  }
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return matchesIfNoneMatch(ifNoneMatch, tag) ? 304 : 200;
  const modifiedSince = parseHttpDate(headers['if-modified-since'], now);
  // A date later than the server's clock is no date the feed could have been seen at (RFC 2616 §14.25 called
  // it invalid; RFC 9110 §13.1.3 has the date read by the origin server's clock): ignored, or a client whose
  // clock runs ahead, or that sends "2099", would get 304 for every change until then.
  if (modifiedSince === undefined || modifiedSince > now) return 200;
  return lastModified <= modifiedSince ? 304 : 200;
}

/**
 * RFC 9110 §13.1.2 with weak comparison: any listed tag whose opaque part is the feed's tag, with or without
 * W/ (added by proxies that recompress) and with or without a variant suffix, matches; so does "*".
 */
export function matchesIfNoneMatch(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  return someListedTag(header, (_weak, opaque) => isTagOf(opaque, tag));
}

/**
 * RFC 9110 §13.1.1 with strong comparison: a weak tag (W/…) never matches; a strong one matches when its
 * opaque part is the feed's tag, with or without a variant suffix. "*" matches, as the feed exists.
 */
export function matchesIfMatch(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  return someListedTag(header, (weak, opaque) => !weak && isTagOf(opaque, tag));
}

function isTagOf(opaque: string, tag: string): boolean {
  return opaque === tag || opaque === `${tag}-gzip` || opaque === `${tag}-br`;
}

/**
 * Whether a listed entity tag, quoted as it must be, passes `test`; anything else in the list is skipped. Most
 * clients send one tag: that is read without splitting the header (bench/README.md, the 304 path).
 */
function someListedTag(header: string, test: (weak: boolean, opaque: string) => boolean): boolean {
  if (!header.includes(',')) return listedTagPasses(header, test);
  for (const raw of header.split(',')) if (listedTagPasses(raw, test)) return true;
  return false;
}

function listedTagPasses(raw: string, test: (weak: boolean, opaque: string) => boolean): boolean {
  let candidate = raw.trim();
  const weak = candidate.startsWith('W/');
  if (weak) candidate = candidate.slice(2);
  if (candidate.length < 2 || !candidate.startsWith('"') || !candidate.endsWith('"')) return false;
  return test(weak, candidate.slice(1, -1));
}
