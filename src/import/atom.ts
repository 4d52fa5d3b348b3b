import type { Author } from '../content/types.js';
import { parseFeedDate } from './dates.js';
import { squash } from '../content/text.js';
import { plainText, textToHtml } from './html.js';
import { dimensions, isImage } from './rss.js';
import type { SourceFeed, SourceImage, SourceItem } from './types.js';
import { childNamed, childrenNamed, childText, innerXml, Namespaces, NS, textOf, type XmlElement } from './xml.js';

/** The entries of an Atom 1.0 feed (RFC 4287) as source items; the feed's own authors stand in for entries'. */
export function readAtom(root: XmlElement): SourceFeed {
  const ns = new Namespaces(root);
  const feedAuthors = atomPeople(root);
  const items = childrenNamed(root, 'entry').map((entry) => readEntry(entry, feedAuthors, ns));
  return { format: 'Atom 1.0', title: atomText(childNamed(root, 'title'), true), items, notes: [] };
}

function readEntry(entry: XmlElement, feedAuthors: readonly Author[], ns: Namespaces): SourceItem {
  const notes: string[] = [];
  const published = parseFeedDate(childText(entry, 'published'));
  const updated = parseFeedDate(childText(entry, 'updated'));
  const content = childNamed(entry, 'content');
  if (content?.attrs.src !== undefined)
    notes.push(`content: out-of-line content (src=${content.attrs.src}) not fetched`);
  const html = content?.attrs.src === undefined ? atomText(content, false) : undefined;
  const summaryElement = childNamed(entry, 'summary');
  const summary = atomText(summaryElement, true);
  const authors = atomPeople(entry);
  const when = published ?? updated;
  if (published === undefined && updated !== undefined) notes.push('published: none given; the updated date is used');
  const { categories, tags } = atomCategories(entry);
  return {
    id: childText(entry, 'id'),
    title: atomText(childNamed(entry, 'title'), true),
    link: alternateLink(entry),
    ...(when !== undefined && { published: { instant: when } }),
    ...(published !== undefined && updated !== undefined && updated > published && { updated }),
    authors: authors.length > 0 ? authors : feedAuthors,
    categories,
    tags,
    ...(summary !== undefined && html !== undefined && { summary }),
    ...bodyOf(html ?? atomText(summaryElement, false)),
    ...atomImage(entry, ns),
    status: 'published',
    notes,
  };
}

/**
 * An Atom text construct: `type="text"` (the default), `html` (escaped HTML) or `xhtml` (a div of XHTML), as
 * plain text when `plain`, else as HTML.
 */
function atomText(element: XmlElement | undefined, plain: boolean): string | undefined {
  if (!element) return undefined;
  const type = element.attrs.type ?? 'text';
  if (type === 'xhtml') {
    const div = element.children.find((child): child is XmlElement => typeof child !== 'string');
    if (!div) return undefined;
    return plain ? plainText(innerXml(div)) : innerXml(div);
  }
  const text = textOf(element);
  if (text === undefined) return undefined;
  if (type === 'html' || type === 'text/html') return plain ? plainText(text) : text;
  return plain ? squash(text) : textToHtml(text);
}

function bodyOf(html: string | undefined): { html?: string } {
  return html === undefined ? {} : { html };
}

function atomPeople(parent: XmlElement): Author[] {
  return childrenNamed(parent, 'author').flatMap((person): Author[] => {
    const name = childText(person, 'name');
    if (name === undefined) return [];
    const email = childText(person, 'email');
    const uri = childText(person, 'uri');
    return [{ name, ...(email !== undefined && { email }), ...(uri !== undefined && { url: uri }) }];
  });
}

/** The alternate link (the item's page): rel="alternate", or no rel at all, which means the same. */
function alternateLink(entry: XmlElement): string | undefined {
  const links = childrenNamed(entry, 'link');
  const alternate = links.find((link) => (link.attrs.rel ?? 'alternate') === 'alternate' && link.attrs.href);
  return alternate?.attrs.href;
}

/** Categories by label or term; those in a scheme naming tags (Hugo's, WordPress's) are tags. */
function atomCategories(entry: XmlElement): { categories: string[]; tags: string[] } {
  const categories: string[] = [];
  const tags: string[] = [];
  for (const category of childrenNamed(entry, 'category')) {
    const name = (category.attrs.label ?? category.attrs.term)?.trim();
    if (!name) continue;
    const list = /tag/i.test(category.attrs.scheme ?? '') ? tags : categories;
    if (!list.includes(name)) list.push(name);
  }
  return { categories, tags };
}

/** An image enclosure link (rel="enclosure") or Media RSS content, as Atom feeds carry them. */
function atomImage(entry: XmlElement, ns: Namespaces): { image?: SourceImage } {
  const media = childrenNamed(entry, ns.name(NS.media, 'content')).find((element) =>
    isImage(element.attrs.type, element.attrs.medium, element.attrs.url),
  );
  if (media?.attrs.url) {
    const credit = childText(media, ns.name(NS.media, 'credit'));
    const image = { url: media.attrs.url, ...(media.attrs.type !== undefined && { type: media.attrs.type }) };
    return {
      image: {
        ...image,
        ...(credit !== undefined && { credit }),
        ...dimensions(media.attrs.width, media.attrs.height),
      },
    };
  }
  const enclosure = childrenNamed(entry, 'link').find(
    (link) => link.attrs.rel === 'enclosure' && isImage(link.attrs.type, undefined, link.attrs.href),
  );
  if (!enclosure?.attrs.href) return {};
  return {
    image: { url: enclosure.attrs.href, ...(enclosure.attrs.type !== undefined && { type: enclosure.attrs.type }) },
  };
}
