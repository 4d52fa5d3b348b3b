import type { Author } from '../content/types.js';

/** A date as the source gave it: an instant, or a wall-clock time with no zone (WXR's post_date). */
export type SourceDate = { readonly instant: number } | { readonly local: string };

/** The lead image of an item: what an enclosure, media:content, a JSON Feed image or a featured image says. */
export interface SourceImage {
  readonly url: string;
  readonly type?: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
  readonly width?: number;
  readonly height?: number;
}

/** One item of another generator's feed or export, read into what a record can hold. */
export interface SourceItem {
  /** The GUID, Atom id or JSON Feed id: what subscribers' readers know the item by. */
  readonly id?: string;
  readonly title?: string;
  /** The item's page, kept as its canonical URL so its link does not move either. */
  readonly link?: string;
  readonly published?: SourceDate;
  readonly updated?: number;
  readonly authors: readonly Author[];
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  /** Plain text. */
  readonly summary?: string;
  /** The body as HTML. */
  readonly html?: string;
  readonly image?: SourceImage;
  /** What the file name is made from when given (WordPress's post_name). */
  readonly slug?: string;
  readonly status: 'published' | 'draft';
  /** What the source held that the record cannot: one line each, for the report. */
  readonly notes: readonly string[];
}

export type SourceFormat = 'RSS 2.0' | 'Atom 1.0' | 'JSON Feed' | 'WordPress export (WXR)';

/** A whole source: its items, and what the importer left behind (entries that are no articles, say). */
export interface SourceFeed {
  readonly format: SourceFormat;
  readonly title?: string;
  readonly items: readonly SourceItem[];
  /** Notes about the source as a whole, or about entries left out of it (pages, attachments, comments). */
  readonly notes: readonly string[];
}

/** The source could not be read as any format the importer knows: why, for one line to the user. */
export interface Unreadable {
  readonly unreadable: string;
}
