import { sanitizeHtml } from '../content/sanitize-html.js';
import { summarize } from '../content/markdown.js';
import { squash } from '../content/text.js';

/** Text of HTML: tags removed (block ends become spaces), entities decoded, white space squashed. */
export function plainText(html: string): string {
  const spaced = html.replace(/<(?:br\s*\/?|\/(?:p|div|li|h[1-6]|blockquote|figcaption|td|th|tr|pre))>/gi, '$& ');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style'] });
  return squash(decodeEntities(text));
}

/** sanitize-html's text output escapes these four; every other entity of the source is decoded already. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name] ?? '',
  );
}

/** A summary made from an HTML body, at most content/markdown.ts's limit, as the build would cut it. */
export function summaryOf(html: string): string {
  return summarize(plainText(html));
}

/** Plain text made HTML: escaped, blank lines as paragraph breaks. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

const HTML_BLOCK = new RegExp(
  `^<(?:!--|/?(?:${['p', 'div', 'figure', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'th'].join('|')}|` +
    `${['blockquote', 'pre', 'h[1-6]', 'hr', 'iframe', 'video', 'audio', 'picture', 'section'].join('|')})\\b)`,
  'i',
);

/**
 * WordPress's stored post content as HTML: it keeps paragraphs as blank lines and adds the <p> tags only on
 * display (wpautop). Blocks of HTML (a figure, a list, a Gutenberg block) are left as they are; runs of text
 * between blank lines become paragraphs, single line breaks <br>.
 */
export function autoParagraphs(content: string): string {
  return content
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => (HTML_BLOCK.test(block) ? block : `<p>${block.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}
