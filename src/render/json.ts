import type { Author } from '../content/types.js';
import type { FeedItem, FeedModel } from '../model/types.js';
import { escapeHtml } from '../model/html.js';
import { Fragments, type RenderOptions } from './fragments.js';
import { historyLinks } from './history.js';
import { rfc3339 } from './xml.js';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** JSON Feed 1.1. What the spec has no field for (label, categories apart from tags, image credit) goes in `_courier`. */
export function renderJson(feed: FeedModel, options: RenderOptions): Buffer {
  return Buffer.concat(renderJsonChunks(feed, options));
}

/** The JSON Feed document as the pieces it is made of: its head, each item's text and separators, its end. */
export function renderJsonChunks(feed: FeedModel, { selfUrl, fragments = new Fragments() }: RenderOptions): Buffer[] {
  // Pages of a feed (its archives) name the feed they belong to, and each links to the next older page.
  const { current, prevArchive } = historyLinks(feed, selfUrl);
  const head = {
    version: JSON_FEED_VERSION,
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: current ?? selfUrl,
    ...(prevArchive !== undefined && { next_url: prevArchive }),
    description: feed.description,
    language: feed.language,
    authors: feed.authors.map(jsonAuthor),
    ...(feed.hubs?.length && { hubs: feed.hubs.map((url) => ({ type: 'WebSub', url })) }),
    items: [],
  };
  // The document as JSON.stringify(…, null, 2) would write it, with each item's text made once and reused.
  const [start = '', end = ''] = JSON.stringify(head, null, 2).split('"items": []');
  const items = feed.items.map((item) => fragments.of('json', item, feed, jsonItem));
  const parts =
    items.length === 0
      ? [Buffer.from('"items": []')]
      : [
          Buffer.from('"items": [\n    '),
          ...items.flatMap((item, index) => (index === 0 ? [item] : [SEPARATOR, item])),
          Buffer.from('\n  ]'),
        ];
  return [Buffer.from(start), ...parts, Buffer.from(`${end}\n`)];
}

const SEPARATOR = Buffer.from(',\n    ');
const jsonItem = (item: FeedItem): string => JSON.stringify(itemObject(item), null, 2).replace(/\n/g, '\n    ');

function itemObject(item: FeedItem): object {
  return item.deleted ? killNotice(item, item.deleted) : articleObject(item);
}

/** The withdrawn article under its own id and authors, its content replaced by the note, deleted in `_courier`. */
function killNotice(item: FeedItem, deleted: NonNullable<FeedItem['deleted']>): object {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    content_html: `<p>${escapeHtml(deleted.note)}</p>`,
    summary: deleted.note,
    date_published: rfc3339(item.published),
    date_modified: rfc3339(deleted.at),
    authors: item.authors.map(jsonAuthor),
    _courier: { deleted: true, retracted_at: rfc3339(deleted.at), note: deleted.note },
  };
}

function articleObject(item: FeedItem): object {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    content_html: item.contentHtml,
    summary: item.summary,
    ...(item.image && { image: item.image.url }),
    date_published: rfc3339(item.published),
    date_modified: rfc3339(item.updated ?? item.published),
    authors: item.authors.map(jsonAuthor),
    tags: [...new Set([...item.categories, ...item.tags])],
    language: item.language,
    _courier: {
      categories: item.categories,
      tags: item.tags,
      ...(item.label !== undefined && { label: item.label }),
      sponsored: item.sponsored,
      ...(item.image && { image: item.image }),
    },
  };
}

function jsonAuthor(author: Author): object {
  return { name: author.name, ...(author.url !== undefined && { url: author.url }) };
}
