import type { Author } from '../content/types.js';
import { isMapping } from '../content/yaml.js';
import { parseFeedDate } from './dates.js';
import { plainText, textToHtml } from './html.js';
import type { SourceFeed, SourceItem } from './types.js';

type Json = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The items of a JSON Feed (1.0 or 1.1) as source items; the feed's authors stand in for items' own. */
export function readJsonFeed(feed: Json): SourceFeed {
  const feedAuthors = people(feed);
  const items = (Array.isArray(feed.items) ? feed.items : [])
    .filter(isMapping)
    .map((item) => readItem(item, feedAuthors));
  return { format: 'JSON Feed', title: text(feed.title), items, notes: [] };
}

function readItem(item: Json, feedAuthors: readonly Author[]): SourceItem {
  const notes: string[] = [];
  const html =
    text(item.content_html) ??
    (text(item.content_text) === undefined ? undefined : textToHtml(String(item.content_text)));
  const summary = text(item.summary);
  const published = parseFeedDate(text(item.date_published));
  const modified = parseFeedDate(text(item.date_modified));
  if (published === undefined && modified !== undefined)
    notes.push('date_published: none given; date_modified is used');
  const when = published ?? modified;
  const authors = people(item);
  const image = text(item.image) ?? text(item.banner_image);
  if (Array.isArray(item.attachments) && item.attachments.length > 0) {
    notes.push(`attachments: ${item.attachments.length} not carried (records hold a lead image only)`);
  }
  if (text(item.external_url) !== undefined) notes.push(`external_url: not carried: ${String(item.external_url)}`);
  return {
    // A JSON Feed id is a string, though 1.0 feeds sometimes give a number.
    id: typeof item.id === 'number' ? String(item.id) : text(item.id),
    title: text(item.title) === undefined ? undefined : plainText(String(item.title)),
    link: text(item.url),
    ...(when !== undefined && { published: { instant: when } }),
    ...(published !== undefined && modified !== undefined && modified > published && { updated: modified }),
    authors: authors.length > 0 ? authors : feedAuthors,
    ...classification(item),
    ...(summary !== undefined && { summary }),
    ...((html ?? summary) !== undefined && { html: html ?? textToHtml(summary ?? '') }),
    ...(image !== undefined && { image: { url: image } }),
    status: 'published',
    notes,
  };
}

/**
 * JSON Feed has tags only, into which generators put their categories (`feed`, Hugo's and WordPress's JSON
 * templates): they become categories, each with its feed. Courier's own feeds tell the two apart in `_courier`.
 */
function classification(item: Json): { categories: string[]; tags: string[] } {
  const names = (value: unknown) =>
    Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string' && name.trim() !== '') : [];
  const courier = isMapping(item._courier) ? item._courier : undefined;
  if (courier && (Array.isArray(courier.categories) || Array.isArray(courier.tags))) {
    return { categories: names(courier.categories), tags: names(courier.tags) };
  }
  return { categories: names(item.tags), tags: [] };
}

/** JSON Feed 1.1's `authors`, or 1.0's `author`. */
function people(parent: Json): Author[] {
  const list: unknown[] = Array.isArray(parent.authors)
    ? parent.authors
    : isMapping(parent.author)
      ? [parent.author]
      : [];
  return list.filter(isMapping).flatMap((person): Author[] => {
    const name = text(person.name);
    const url = text(person.url);
    if (name === undefined) return [];
    return [{ name, ...(url !== undefined && { url }) }];
  });
}
