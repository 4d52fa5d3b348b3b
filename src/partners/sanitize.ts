import { DEFAULT_TAGS, sanitizeHtml, type SanitizeHtml } from '../content/sanitize-html.js';
import { parseUrl } from '../content/url.js';

const ALLOWED_TAGS = [...DEFAULT_TAGS, 'img', 'figure', 'figcaption', 'iframe'];
const ALLOWED_ATTRIBUTES: SanitizeHtml.IOptions['allowedAttributes'] = {
  a: ['href', 'name', 'title'],
  img: ['src', 'alt', 'width', 'height', 'title'],
  iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
  '*': ['lang', 'dir'],
};

/**
 * Partner bodies pass an allow-list: no script, style, object or embed, no event handlers, iframes only
 * from `iframeHosts`, and never an image (in any of its sizes) whose rights keep it on our own site.
 */
export function sanitizeForPartner(
  html: string,
  iframeHosts: readonly string[],
  blockedImages: readonly string[],
): string {
  const blocked = new Set(blockedImages.map((url) => parseUrl(url)?.href));
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedIframeHostnames: [...iframeHosts],
    allowIframeRelativeUrls: false,
    exclusiveFilter: (frame) =>
      (frame.tag === 'iframe' && !frame.attribs.src) ||
      (blocked.size > 0 && frame.tag === 'img' && isBlocked(frame.attribs.src, blocked)),
  });
  // A paragraph that held only a removed image or element is left empty: drop it.
  return clean.replace(/<p>\s*<\/p>\n?/g, '');
}

/** Whether src is a blocked image's URL; a src that is no absolute URL is not. */
function isBlocked(src: string | undefined, blocked: ReadonlySet<string | undefined>): boolean {
  const url = src === undefined ? undefined : parseUrl(src);
  return url !== undefined && blocked.has(url.href);
}
