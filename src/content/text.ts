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
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
    // A newsroom has a few hundred names, used by thousands of records each; bounded all the same.
    if (slugs.size >= MAX_SLUGS) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

const slugs = new Map<string, string>();
const MAX_SLUGS = 10_000;

/** Characters the YAML parser refuses outright: C0 controls but tab, LF and CR; DEL and C1; U+FFFE, U+FFFF. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's whole job
const REFUSED_BY_YAML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]/g;

/** A line (counted from 0) that held refused characters, and which, in the order first met. */
export interface RemovedFromLine {
  readonly line: number;
  readonly chars: readonly string[];
}

export interface RemovedControls {
  readonly text: string;
  readonly removed: readonly RemovedFromLine[];
}

/** Removes the characters YAML refuses, as pasted from word processors and CMS exports; tab, LF, CR stay. */
export function removeControls(text: string): RemovedControls {
  if (!text.match(REFUSED_BY_YAML)) return { text, removed: [] };
  const lines = text.split('\n');
  const removed: RemovedFromLine[] = [];
  lines.forEach((line, index) => {
    const chars = [...new Set(line.match(REFUSED_BY_YAML))];
    if (chars.length > 0) removed.push({ line: index, chars });
  });
  return { text: text.replace(REFUSED_BY_YAML, ''), removed };
}

const C0_NAMES = [
  ...['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI'],
  ...['DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'],
];

/** "U+0007 (BEL)": a character as people look it up. */
export function codePointName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const name = code < 0x20 ? C0_NAMES[code] : code === 0x7f ? 'DEL' : undefined;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return name ? `${hex} (${name})` : hex;
}
