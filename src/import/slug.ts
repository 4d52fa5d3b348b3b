import { slugify } from '../content/text.js';
import type { SourceItem } from './types.js';

const SLUG_LIMIT = 80;

/** The file name: WordPress's slug, else the link's last path segment, else the title; slugified and cut. */
export function slugOf(item: SourceItem, title: string): string {
  const segment = item.link === undefined ? undefined : lastSegment(item.link);
  for (const candidate of [item.slug, segment, title]) {
    if (candidate === undefined) continue;
    const slug = cut(slugify(safeDecode(candidate).replace(/\.(?:html?|php|aspx?)$/i, '')));
    if (slug !== '') return slug;
  }
  return 'article';
}

function lastSegment(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  const url = new URL(link);
  if (url.search !== '' && /[?&]p=\d+/.test(url.search)) return undefined;
  return url.pathname
    .split('/')
    .filter((part) => part !== '')
    .pop();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // Not valid percent-encoding (a stray "%"): the text is used as it is.
    if (error instanceof URIError) return text;
    throw error;
  }
}

function cut(slug: string): string {
  if (slug.length <= SLUG_LIMIT) return slug;
  const head = slug.slice(0, SLUG_LIMIT);
  return head.includes('-') ? head.slice(0, head.lastIndexOf('-')) : head;
}
