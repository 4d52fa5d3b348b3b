/** The format-neutral feed model: what every renderer turns into bytes. Dates are epoch milliseconds. */
import type { Author, Image } from '../content/types.js';

export interface FeedItem {
  /** A permanent URI (a tag: URI unless the record gave its own); the GUID and the Atom id. */
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  /** Full HTML with absolute links, starting with the label disclosure when there is one. */
  readonly contentHtml: string;
  readonly published: number;
  readonly updated?: number;
  readonly authors: readonly Author[];
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly language: string;
  readonly image?: Image;
  readonly label?: string;
  readonly sponsored: boolean;
  /** A kill notice: the article was withdrawn at this time, and partners are told why. */
  readonly deleted?: { readonly at: number; readonly note: string };
}

export interface FeedModel {
  /** Permanent id of the feed (Atom feed id). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly homeUrl: string;
  /** The folder the feed's files are published in, ending in a slash: each format's file is under it. */
  readonly folderUrl: string;
  readonly language: string;
  readonly copyright: string;
  /** The newest published or updated date among the items; undefined for an empty feed. */
  readonly updated?: number;
  readonly authors: readonly Author[];
  /** Where categories, tags and labels live, as Atom schemes and RSS domains. */
  readonly schemes: { readonly category: string; readonly tag: string; readonly label: string };
  readonly items: readonly FeedItem[];
  /** WebSub hubs the feed names (absolute URLs): where readers subscribe for pushes. Absent or empty: none. */
  readonly hubs?: readonly string[];
  /** RFC 5005 §4 links, each a feed folder URL (a renderer adds its own file name); absent in most feeds. */
  readonly history?: FeedHistory;
}

/** Where a feed document sits in its chain of archive documents (RFC 5005 §4, model/archive.ts). */
export interface FeedHistory {
  /** The folder of the next older archive document: rel="prev-archive" (JSON Feed: next_url). */
  readonly prevArchive?: string;
  /** Set in an archive document only: the folder of the live feed it belongs to, rel="current". */
  readonly current?: string;
}

/** A public feed as the index page and OPML list it. */
export interface FeedListing {
  readonly title: string;
  readonly kind: 'site' | 'category' | 'author';
  /** Folder under the feeds folder, e.g. "categories/world/"; '' for the site feed. */
  readonly path: string;
  /** Folder of its newest archive document (RFC 5005), under the feeds folder, when it has archives. */
  readonly archive?: string;
}
