import type { MarkdownIt, Renderer, Token } from 'markdown-it';
import { BODY_SCHEMES, withoutEmptyParagraphs } from './sanitize.js';
import { parseUrl } from './url.js';

/**
 * The HTML of a body written in Markdown alone, made without the allow-list (sanitize.ts), which costs more than
 * parsing the Markdown. Only what Markdown itself writes qualifies: blocks, inline marks, links and images, and
 * no raw HTML, no attribute but the allow-list's, no URL but one the allow-list keeps. markdown-it escapes every
 * text and attribute, and the links and images are made absolute as the allow-list makes them. What qualifies
 * comes out byte for byte as the allow-list would give it (test/content/markdown-html.test.ts holds the two
 * equal); anything else gets undefined, and goes through the allow-list.
 */
export function markdownOnlyHtml(tokens: readonly Token[], articleUrl: string, parser: MarkdownIt): string | undefined {
  const urls = new Map<Token, string>();
  for (const token of tokens) {
    if (!BLOCKS.has(token.type) || !attributesKept(token)) return undefined;
    for (const child of token.children ?? []) {
      if (!INLINES.has(child.type) || !attributesKept(child)) return undefined;
      if (child.type !== 'link_open' && child.type !== 'image') continue;
      const url = keptUrl(String(child.attrGet(child.type === 'image' ? 'src' : 'href') ?? ''), articleUrl);
      if (url === undefined) return undefined;
      urls.set(child, url);
    }
  }
  const env: MarkdownItEnv = { urls };
  // The allow-list closes void elements (`<br />`, `<hr />`, `<img … />`), as xhtmlOut does.
  const html = renderer(parser).render([...tokens], { ...parser.options, xhtmlOut: true }, env);
  return withoutEmptyParagraphs(html);
}

const BLOCKS = new Set(
  ['paragraph', 'heading', 'bullet_list', 'ordered_list', 'list_item', 'blockquote']
    .flatMap((name) => [`${name}_open`, `${name}_close`])
    .concat(['inline', 'hr', 'code_block', 'fence']),
);

const INLINES = new Set(
  ['strong', 'em', 's', 'link']
    .flatMap((name) => [`${name}_open`, `${name}_close`])
    .concat(['text', 'image', 'code_inline', 'softbreak', 'hardbreak']),
);

/** The attributes markdown-it may give each token that the allow-list keeps as they are (URLs apart). */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  ordered_list_open: ['start'],
  link_open: ['href', 'title'],
  image: ['src', 'alt', 'title'],
};

function attributesKept(token: Token): boolean {
  const kept = ATTRIBUTES[token.type] ?? [];
  return (token.attrs ?? []).every(([name]) => kept.includes(name));
}

const SCHEMES = new Set(BODY_SCHEMES.map((scheme) => `${scheme}:`));

/** The URL made absolute against the article's, when the allow-list keeps it so. */
function keptUrl(value: string, articleUrl: string): string | undefined {
  const url = parseUrl(value, articleUrl);
  return url && SCHEMES.has(url.protocol) ? url.href : undefined;
}

/** What the renderer's rules are handed: the absolute URL of each link and image. */
type MarkdownItEnv = Record<string, unknown> & { readonly urls?: ReadonlyMap<Token, string> };

const renderers = new WeakMap<MarkdownIt, Renderer>();

/**
 * markdown-it's renderer with the allow-list's own ways: text escaped for `&`, `<` and `>` only (quotes kept,
 * as the allow-list writes text), fenced code's language a class, and the absolute URLs of links and images.
 */
function renderer(parser: MarkdownIt): Renderer {
  let made = renderers.get(parser);
  if (made) return made;
  const Made = parser.renderer.constructor as new () => Renderer;
  made = new Made();
  const rules = made.rules;
  rules.text = (tokens, index) => escapeText(tokens[index]?.content ?? '');
  rules.code_inline = (tokens, index) => `<code>${escapeText(tokens[index]?.content ?? '')}</code>`;
  rules.code_block = (tokens, index) => `<pre><code>${escapeText(tokens[index]?.content ?? '')}</code></pre>\n`;
  rules.fence = (tokens, index) =>
    `<pre><code${languageClass(tokens[index], parser)}>${escapeText(tokens[index]?.content ?? '')}</code></pre>\n`;
  rules.link_open = (tokens, index, options, env: MarkdownItEnv | undefined) => tag('a', tokens[index], env);
  rules.image = (tokens, index, options, env: MarkdownItEnv | undefined, self) => {
    const image = tokens[index];
    if (!image) return '';
    const alt = self.renderInlineAsText(image.children ?? [], options, env ?? {});
    return tag('img', image, env, alt);
  };
  renderers.set(parser, made);
  return made;
}

/** A link's or an image's tag, its URL the absolute one, an image's alt its text, void elements closed. */
function tag(name: 'a' | 'img', token: Token | undefined, env: MarkdownItEnv | undefined, alt?: string): string {
  if (!token) return '';
  const urlName = name === 'a' ? 'href' : 'src';
  const attributes = (token.attrs ?? []).map(([attribute, value]) => {
    const written = attribute === urlName ? (env?.urls?.get(token) ?? '') : attribute === 'alt' ? (alt ?? '') : value;
    return ` ${attribute}="${escapeAttribute(String(written))}"`;
  });
  return `<${name}${attributes.join('')}${name === 'img' ? ' />' : '>'}`;
}

function languageClass(token: Token | undefined, parser: MarkdownIt): string {
  const language =
    parser.utils
      .unescapeAll(token?.info ?? '')
      .trim()
      .split(/\s+/)[0] ?? '';
  return language === '' ? '' : ` class="${escapeAttribute(`language-${language}`)}"`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
