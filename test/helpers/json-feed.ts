/**
 * A JSON Feed 1.1 document as Courier writes it (src/render/json.ts), for tests that read one back. The type says
 * what the tests may look at; whether a file really holds it is what they assert, field by field (and what
 * test/conformance/json-feed.ts checks against the specification's schema).
 */
export interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  language?: string;
  authors?: JsonFeedAuthor[];
  /** JSON Feed 1.0's single author, deprecated in 1.1: Courier must not write it. */
  author?: unknown;
  items: JsonFeedItem[];
}

export interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** An article, or the notice that stands in for a withdrawn one (`_courier.deleted`). */
export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
  _courier: CourierExtension;
}

/** What JSON Feed has no field for. */
export interface CourierExtension {
  categories?: string[];
  tags?: string[];
  label?: string;
  sponsored?: boolean;
  /** The record's image as it is (src/content/types.ts Image), credit and copyright included. */
  image?: { url: string; type: string; alt?: string; caption?: string; credit?: string; copyright?: string };
  deleted?: boolean;
  retracted_at?: string;
  note?: string;
}

/** Parses a JSON Feed, failing at once on anything that is not an object with an items array. */
export function parseJsonFeed(text: string): JsonFeed {
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null || !('items' in document) || !Array.isArray(document.items))
    throw new TypeError('not a JSON Feed: expected an object with an items array');
  return document as JsonFeed;
}
