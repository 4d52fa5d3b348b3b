import { BODY_TAGS, EMBED_HOSTS } from '../content/sanitize.js';
import { plainText } from './html.js';
import type { SourceImage } from './types.js';

/** CommonMark's HTML blocks of type 6: a body starting with one of these is one raw HTML block to its end. */
const BLOCK_TAGS = [
  ...['address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'dd', 'div', 'dl', 'dt', 'fieldset'],
  ...['figcaption', 'figure', 'footer', 'form', 'h[1-6]', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p'],
  ...['section', 'table', 'ul'],
];
const BLOCK_START = new RegExp(`^</?(?:${BLOCK_TAGS.join('|')})(?:[\\s/>]|$)`, 'i');

/**
 * An HTML body as the Markdown of a record: kept as HTML, which CommonMark passes through as it is (and the
 * body allow-list then cleans, as it cleans any record's raw HTML). A raw HTML block ends at a blank line, after
 * which text would be read as Markdown again, so blank lines are removed (inside <pre>, line breaks are written
 * as &#10;, which the HTML reads as the same line breaks); and a body that does not start with a block
 * element is wrapped in a <div>, so that all of it is one HTML block.
 */
export function htmlAsMarkdown(html: string): string {
  const text = html
    .replace(/\r\n?/g, '\n')
    .replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => pre.replace(/\n/g, '&#10;'))
    .replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n')
    .trim();
  return BLOCK_START.test(text) ? `${text}\n` : `<div>\n${text}\n</div>\n`;
}

/**
 * What the body allow-list (content/sanitize.ts) will remove from this HTML: elements it does not keep
 * (script, style, forms, object, …) and iframes from hosts it does not embed. One line, or none.
 */
export function removedByAllowList(html: string): string | undefined {
  const removed = new Set<string>();
  for (const [, name = ''] of html.matchAll(/<([a-zA-Z][\w:-]*)/g)) {
    const tag = name.toLowerCase();
    if (!BODY_TAGS.includes(tag) && !['html', 'body', 'head'].includes(tag)) removed.add(`<${tag}>`);
  }
  for (const [, src = ''] of html.matchAll(/<iframe\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
    const host = URL.canParse(src, 'https://x.invalid/') ? new URL(src, 'https://x.invalid/').hostname : src;
    if (!EMBED_HOSTS.includes(host)) removed.add(`an iframe from ${host}`);
  }
  if (/\son\w+\s*=/i.test(html)) removed.add('event handlers (on…=)');
  if (/\sstyle\s*=/i.test(html)) removed.add('style attributes');
  return removed.size === 0 ? undefined : `body: the allow-list removes ${[...removed].join(', ')}`;
}

/**
 * When a body opens with its lead image (a figure, or a paragraph or img holding only it), as WordPress's do,
 * that opening is removed: the build puts the lead image in front of every body, and readers would see it
 * twice. Its alt text and caption are carried to the lead image when it has none of its own.
 */
export function liftLeadImage(html: string, image: SourceImage): { html: string; image: SourceImage } {
  const opening = /^\s*(<figure\b[^>]*>[\s\S]*?<\/figure>|<p>\s*<img\b[^>]*>\s*<\/p>|<img\b[^>]*>)/i.exec(html);
  const block = opening?.[1] ?? '';
  const sources = [...block.matchAll(/<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi)].map((match) => match[1] ?? '');
  if (!opening || sources.length !== 1 || imageKey(sources[0] ?? '') !== imageKey(image.url)) return { html, image };
  const alt = /<img\b[^>]*?\balt\s*=\s*["']([^"']*)["']/i.exec(block)?.[1];
  const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(block)?.[1];
  const carried = {
    ...(image.alt === undefined && alt !== undefined && plainText(alt) !== '' && { alt: plainText(alt) }),
    ...(image.caption === undefined &&
      caption !== undefined &&
      plainText(caption) !== '' && { caption: plainText(caption) }),
  };
  return { html: html.slice(opening[0].length).trimStart(), image: { ...image, ...carried } };
}

/** An image's file, whatever size WordPress cut it to ("photo-1024x683.jpg" is "photo.jpg") or query it has. */
function imageKey(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]+/i, '');
  return path.replace(/-\d+x\d+(\.\w+)$/, '$1').toLowerCase();
}
