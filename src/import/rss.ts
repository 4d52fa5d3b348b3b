import type { Author } from '../content/types.js';
import { parseFeedDate } from './dates.js';
import { plainText, textToHtml } from './html.js';
import type { SourceFeed, SourceImage, SourceItem } from './types.js';
import { childNamed, childrenNamed, childText, Namespaces, NS, textOf, type XmlElement } from './xml.js';

/** The channel's items as source items (RSS 2.0, with content:encoded, dc:creator and Media RSS read too). */
export function readRss(root: XmlElement): SourceFeed {
  const channel = childNamed(root, 'channel');
  const ns = new Namespaces(root);
  const items = childrenNamed(channel, 'item').map((item) => readRssItem(item, ns));
  return { format: 'RSS 2.0', title: childText(channel, 'title'), items, notes: [] };
}

function readRssItem(item: XmlElement, ns: Namespaces): SourceItem {
  const notes: string[] = [];
  const encoded = textOf(childNamed(item, ns.name(NS.content, 'encoded')));
  const description = textOf(childNamed(item, 'description'));
  const pubDate = childText(item, 'pubDate') ?? childText(item, ns.name(NS.dc, 'date'));
  const instant = parseFeedDate(pubDate);
  if (pubDate !== undefined && instant === undefined) notes.push(`pubDate: not a date: ${JSON.stringify(pubDate)}`);
  const { categories, tags } = rssCategories(item);
  for (const name of ['comments', 'source']) {
    const value = childText(item, name);
    if (value !== undefined) notes.push(`${name}: not carried (records have no such field): ${value}`);
  }
  return {
    id: childText(item, 'guid'),
    title: plainTitle(childText(item, 'title')),
    link: childText(item, 'link'),
    ...(instant !== undefined && { published: { instant } }),
    authors: rssAuthors(item, ns),
    categories,
    tags,
    ...(encoded !== undefined && description !== undefined && { summary: plainText(description) }),
    ...((encoded ?? description) !== undefined && { html: asHtml(encoded ?? description ?? '') }),
    ...leadImage(item, ns, notes),
    status: 'published',
    notes,
  };
}

/** RSS bodies are HTML, but some generators (Hugo's summaries) write plain text there: made HTML. */
function asHtml(text: string): string {
  return /<[a-z!/]/i.test(text) ? text : textToHtml(text);
}

/** A title as plain text: RSS titles are sometimes escaped HTML (`&amp;#8217;`, `<em>`), which readers decode. */
export function plainTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  return /[<&]/.test(title) ? plainText(title) : title;
}

/**
 * RSS categories: those in WordPress's post_tag domain are tags, every other one a category (RSS has no tags;
 * feeds that tell them apart do it with `domain`).
 */
function rssCategories(item: XmlElement): { categories: string[]; tags: string[] } {
  const categories: string[] = [];
  const tags: string[] = [];
  for (const element of childrenNamed(item, 'category')) {
    const name = textOf(element)?.trim();
    if (name === undefined) continue;
    const list = /tag/i.test(element.attrs.domain ?? '') ? tags : categories;
    if (!list.includes(name)) list.push(name);
  }
  return { categories, tags };
}

/** dc:creator (names, as WordPress writes) or RSS's author ("email (Name)", or a name written there anyway). */
function rssAuthors(item: XmlElement, ns: Namespaces): Author[] {
  const creators = childrenNamed(item, ns.name(NS.dc, 'creator'))
    .map((element) => textOf(element)?.trim())
    .filter((name): name is string => name !== undefined)
    .map((name) => ({ name }));
  if (creators.length > 0) return creators;
  const author = childText(item, 'author');
  return author === undefined ? [] : [authorOfRss(author)];
}

/** RSS's author: "jane@news.example (Jane Doe)" as RSS 2.0 asks, "Jane Doe <jane@…>", an address or a name. */
function authorOfRss(text: string): Author {
  const [, address = '', named = ''] = /^(\S+@\S+)\s*\((.+)\)$/.exec(text) ?? [];
  if (address !== '') return { name: named.trim(), email: address };
  const [, name = '', email = ''] = /^(.+?)\s*<(\S+@\S+)>$/.exec(text) ?? [];
  if (email !== '') return { name: name.trim(), email };
  return /^\S+@\S+\.\S+$/.test(text) ? { name: text, email: text } : { name: text };
}

/** The lead image: Media RSS (media:content or media:thumbnail, in a media:group too) or an image enclosure. */
function leadImage(item: XmlElement, ns: Namespaces, notes: string[]): { image?: SourceImage } {
  const media = [item, ...childrenNamed(item, ns.name(NS.media, 'group'))].flatMap((parent) => [
    ...childrenNamed(parent, ns.name(NS.media, 'content')),
    ...childrenNamed(parent, ns.name(NS.media, 'thumbnail')),
  ]);
  const images = media.filter((element) => isImage(element.attrs.type, element.attrs.medium, element.attrs.url));
  const enclosures = childrenNamed(item, 'enclosure');
  for (const enclosure of enclosures) {
    if (!isImage(enclosure.attrs.type, undefined, enclosure.attrs.url)) {
      notes.push(`enclosure not carried (records hold a lead image only): ${enclosure.attrs.url ?? '(no url)'}`);
    }
  }
  const first = images[0];
  if (first?.attrs.url) return { image: mediaImage(first, ns) };
  const enclosure = enclosures.find((candidate) => isImage(candidate.attrs.type, undefined, candidate.attrs.url));
  if (!enclosure?.attrs.url) return {};
  return { image: { url: enclosure.attrs.url, ...(enclosure.attrs.type && { type: enclosure.attrs.type }) } };
}

function mediaImage(element: XmlElement, ns: Namespaces): SourceImage {
  const { url = '', type, width, height } = element.attrs;
  const credit = childText(element, ns.name(NS.media, 'credit'));
  const caption =
    childText(element, ns.name(NS.media, 'description')) ?? childText(element, ns.name(NS.media, 'title'));
  return {
    url,
    ...(type !== undefined && { type }),
    ...(credit !== undefined && { credit }),
    ...(caption !== undefined && { caption: plainText(caption) }),
    ...dimensions(width, height),
  };
}

export function dimensions(width: unknown, height: unknown): { width?: number; height?: number } {
  const whole = (value: unknown) =>
    (typeof value === 'string' || typeof value === 'number') &&
    /^\d+$/.test(String(value)) &&
    Number(value) > 0 &&
    Number(value) <= 100_000
      ? Number(value)
      : undefined;
  const [w, h] = [whole(width), whole(height)];
  return { ...(w !== undefined && { width: w }), ...(h !== undefined && { height: h }) };
}

/** Whether a media element or enclosure is an image: by media type, by medium, or by the URL's extension. */
export function isImage(type: string | undefined, medium: string | undefined, url: string | undefined): boolean {
  if (type !== undefined) return type.startsWith('image/');
  if (medium !== undefined) return medium === 'image';
  return /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i.test(url ?? '');
}
