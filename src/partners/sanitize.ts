import sanitizeHtml from 'sanitize-html';
import { parseUrl } from '../content/url.js';

const ALLOWED_TAGS = [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption', 'iframe'];
const ALLOWED_ATTRIBUTES: sanitizeHtml.IOptions['allowedAttributes'] = {
  a: ['href', 'name', 'title'],
  img: ['src', 'alt', 'width', 'height', 'title'],
  iframe: ['src', 'width', 'height', 'title', 'allowfullscreen'],
  '*': ['lang', 'dir'],
};

/**
 * Partner bodies pass an allow-list: no script, style, object or embed, no event handlers, iframes only
 * from `iframeHosts`, and never an image whose rights keep it on our own site.
 */
export function sanitizeForPartner(
  html: string,
  iframeHosts: readonly string[],
  blockedImage: string | undefined,
): string {
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedIframeHostnames: [...iframeHosts],
    allowIframeRelativeUrls: false,
    exclusiveFilter: (frame) =>
      (frame.tag === 'iframe' && !frame.attribs.src) ||
      (blockedImage !== undefined && frame.tag === 'img' && sameImage(frame.attribs.src, blockedImage)),
  });
  // A paragraph that held only a removed image or element is left empty: drop it.
  return clean.replace(/<p>\s*<\/p>\n?/g, '');
}

/** Whether src is the blocked image's URL; a src that is no absolute URL is not. */
function sameImage(src: string | undefined, blocked: string): boolean {
  const url = src === undefined ? undefined : parseUrl(src);
  return url !== undefined && url.href === parseUrl(blocked)?.href;
}
