// Characters that XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF),
// plus the C1 controls and DEL, which are legal but never meant in an article.
const UNWANTED = /[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A quick test that finds every text needing UNWANTED's closer look, and any surrogate pair too. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Removes characters that must not reach a feed; everything else (emoji, RTL text) is kept as is. */
export function cleanText(text: string): string {
  return SUSPECT.test(text) ? text.replace(UNWANTED, '') : text;
}

/** Collapses runs of white space to single spaces and trims: for titles, names and summaries. */
export function squash(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/**
 * A URL path segment for a category or author name: lower case, Latin diacritics dropped, every run of
 * anything but letters and digits turned into one hyphen. Letters of other scripts are kept, so a Persian
 * category gets a Persian slug. This rule decides feed URLs, which are permanent: never change it.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
