import { DEFAULT_TAGS, sanitizeHtml, type SanitizeHtml } from './sanitize-html.js';
import { parseUrl } from './url.js';

/**
 * Hosts whose iframes survive in public bodies: video players and the embed pages of social posts. Every
 * other iframe is removed with what it holds.
 */
export const EMBED_HOSTS: readonly string[] = [
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'platform.twitter.com',
  'www.instagram.com',
  'www.facebook.com',
  'www.tiktok.com',
];

/**
 * The elements a body may hold: sanitize-html's defaults (text, headings, lists, tables, blockquote, code and
 * pre, figure and figcaption) with images, pictures, video, audio and iframes, less bdo, rb and rtc, which the
 * W3C Feed Validator does not accept. No script, style, object, embed, form or frame ever passes.
 */
export const BODY_TAGS: readonly string[] = [
  ...DEFAULT_TAGS.filter((tag) => !['bdo', 'rb', 'rtc'].includes(tag)),
  ...['img', 'picture', 'source', 'video', 'audio', 'iframe', 'del', 'ins'],
];

/** The attributes each element may keep; never an event handler and never style. */
export const BODY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'name', 'hreflang'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  source: ['src', 'srcset', 'sizes', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'width', 'height'],
  audio: ['src', 'controls'],
  iframe: ['src', 'width', 'height', 'allowfullscreen'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  data: ['value'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
  col: ['span'],
  colgroup: ['span'],
  code: ['class'],
  '*': ['lang', 'dir', 'title'],
};

export const BODY_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/** Attributes holding one URL, made absolute against the article's URL. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'];

/** Tags met most in bodies: listed first, as sanitize-html looks each tag up in its list with indexOf. */
const COMMON_TAGS = [
  'p',
  'a',
  'em',
  'strong',
  'li',
  'ul',
  'ol',
  'h2',
  'h3',
  'blockquote',
  'code',
  'pre',
  'figure',
  'img',
];

/**
 * sanitize-html's options but the per-article ones, made once (sanitize-html copies what it keeps and changes
 * none of them), so that a call does not copy every list again.
 */
const OPTIONS = {
  allowedTags: [...new Set([...COMMON_TAGS.filter((tag) => BODY_TAGS.includes(tag)), ...BODY_TAGS])],
  allowedAttributes: Object.fromEntries(Object.entries(BODY_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: [...BODY_SCHEMES],
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  exclusiveFilter: (frame: SanitizeHtml.IFrame) =>
    (frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src,
} satisfies SanitizeHtml.IOptions;

/**
 * A body's HTML as every public feed carries it: passed through the allow-list above, with every link and
 * source (href, src, srcset, cite, poster) made absolute against `baseUrl`, the article's URL. Iframes are
 * kept only from `iframeHosts`; `javascript:` and any scheme but http, https and mailto are removed.
 */
export function sanitizeBody(html: string, baseUrl: string, iframeHosts: readonly string[] = EMBED_HOSTS): string {
  const clean = sanitizeHtml(html, {
    ...OPTIONS,
    ...(iframeHosts !== EMBED_HOSTS && { allowedIframeHostnames: [...iframeHosts] }),
    transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: absoluteAttributes(attribs, baseUrl) }) },
  });
  return withoutEmptyParagraphs(clean);
}

/** Drops paragraphs left with nothing but white space (one that held only a removed element, or `&nbsp;`). */
export function withoutEmptyParagraphs(html: string): string {
  return html.replace(/<p>\s*<\/p>\n?/g, '');
}

function absoluteAttributes(attribs: SanitizeHtml.Attributes, base: string): SanitizeHtml.Attributes {
  const result: SanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    if (name === 'srcset') result[name] = absoluteSrcset(value, base);
    else if (!URL_ATTRIBUTES.includes(name)) result[name] = value;
    else {
      // A value that cannot be made into a URL cannot be made absolute either: it is left out.
      const url = parseUrl(value, base);
      if (url) result[name] = url.href;
    }
  }
  return result;
}

/**
 * A srcset ("small.jpg 480w, large.jpg 1080w") with each candidate's URL made absolute. A URL runs to the next
 * white space (it may hold commas, as image CDNs' do); its descriptors run to the next comma.
 */
export function absoluteSrcset(srcset: string, base: string): string {
  const candidates: string[] = [];
  const candidate = /[\s,]*([^\s,]\S*?)(?:,+(?=\s|$)|(?=\s|$)([^,]*),?)/gy;
  for (let match = candidate.exec(srcset); match; match = candidate.exec(srcset)) {
    const [, url = '', descriptors = ''] = match;
    const absolute = parseUrl(url, base)?.href;
    if (absolute !== undefined) candidates.push(descriptors.trim() ? `${absolute} ${descriptors.trim()}` : absolute);
  }
  return candidates.join(', ');
}
