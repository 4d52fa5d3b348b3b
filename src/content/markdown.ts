import { createRequire } from 'node:module';
import type { default as MarkdownItCallable, MarkdownIt, Token } from 'markdown-it';
import { markdownOnlyHtml } from './markdown-html.js';
import { sanitizeBody } from './sanitize.js';

let parser: MarkdownIt | undefined;

/**
 * markdown-it, loaded (its CommonJS build, a third of the ESM one's load time) and made on first use: a process
 * whose bodies render on worker threads, or that renders none (nothing changed), never loads it here.
 */
function markdownIt(): MarkdownIt {
  if (parser === undefined) {
    const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItCallable;
    parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
  }
  return parser;
}

export interface RenderedBody {
  readonly html: string;
  /** The body as plain text, paragraphs separated by blank lines: the whole, or at least `textWanted` characters. */
  readonly text: string;
}

/**
 * Renders an article body (Markdown with raw HTML) and passes the HTML through the body allow-list, which
 * makes every link and source absolute against the article's URL, those of raw HTML included (see sanitize.ts);
 * a body in Markdown alone comes out the same without it (markdown-html.ts).
 */
export function renderBody(body: string, articleUrl: string, textWanted = Infinity): RenderedBody {
  // What the parser and the allow-list make of nothing, without them: outlines of feeds are made of thousands.
  if (body === '') return { html: '', text: '' };
  const markdown = markdownIt();
  const tokens = markdown.parse(body, {});
  const paragraphs: string[] = [];
  let textLength = 0;
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children || textLength > textWanted) continue;
    const text = inlineText(token.children);
    if (text !== '') paragraphs.push(text);
    textLength += text.length;
  }
  const html =
    markdownOnlyHtml(tokens, articleUrl, markdown) ??
    sanitizeBody(markdown.renderer.render(tokens, markdown.options, {}), articleUrl);
  return { html, text: paragraphs.join('\n\n') };
}

function inlineText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
    else if (child.type === 'image') text += child.content;
  }
  return text.replace(/\s+/g, ' ').trim();
}

export const SUMMARY_LIMIT = 300;

/** A summary of at most `limit` characters (code points), cut at a word boundary, with an ellipsis when cut. */
export function summarize(text: string, limit = SUMMARY_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  let cut = '';
  let count = 0;
  for (const char of flat) {
    if (++count >= limit) break;
    cut += char;
  }
  if (cut.length === flat.length) return flat;
  const space = cut.lastIndexOf(' ');
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/u, '')}…`;
}
