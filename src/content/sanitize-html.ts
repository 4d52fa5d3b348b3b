import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';

export type { default as SanitizeHtml } from 'sanitize-html';

/**
 * sanitize-html's own default tags (its `defaults.allowedTags`), written out so that the allow-lists cost
 * nothing to import: test/content/sanitize.test.ts holds them equal to the library's.
 */
export const DEFAULT_TAGS: readonly string[] = [
  ...['address', 'article', 'aside', 'footer', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hgroup', 'main'],
  ...['nav', 'section', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'hr', 'li', 'menu', 'ol'],
  ...['p', 'pre', 'ul', 'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd'],
  ...['mark', 'q', 'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time'],
  ...['u', 'var', 'wbr', 'caption', 'col', 'colgroup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr'],
];

let library: typeof SanitizeHtml | undefined;

/**
 * sanitize-html, loaded on the first call: with htmlparser2 under it, loading it is about 0.15 s of a new
 * process, which a build whose bodies render on worker threads, or that has none to render, never needs here.
 */
export function sanitizeHtml(html: string, options: SanitizeHtml.IOptions): string {
  library ??= createRequire(import.meta.url)('sanitize-html') as typeof SanitizeHtml;
  return library(html, options);
}
