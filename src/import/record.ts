import { calendarDate, parseDate } from '../content/dates.js';
import { imageType } from '../content/image-type.js';
import type { Site } from '../content/site.js';
import type { Author } from '../content/types.js';
import { htmlAsMarkdown, liftLeadImage, removedByAllowList } from './body.js';
import { isoInstant } from './dates.js';
import { summaryOf, textToHtml } from './html.js';
import { slugOf } from './slug.js';
import type { SourceImage, SourceItem } from './types.js';

/** A record made from a source item, not yet checked: its front matter, body, and what it could not carry. */
export interface DraftRecord {
  /** The record's id as written (the source's GUID), undefined when the item had none to keep. */
  readonly id?: string;
  /** Where it goes when nothing is in the way: articles/<yyyy>/<mm>/<slug>, without ".md". */
  readonly stem: string;
  readonly text: string;
  readonly notes: readonly string[];
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const HTTP = /^https?:\/\/[^\s]+$/i;

/** The record for an item, or why it cannot have one (no date: a record's `published` is required). */
export function draftRecord(item: SourceItem, site: Site): DraftRecord | { failed: string } {
  const notes = [...item.notes];
  const published = publishedOf(item, site, notes);
  if (published === undefined) return { failed: 'published: the item has no date, and a record needs one' };
  const id = idOf(item, notes);
  const title = item.title ?? untitled(item, notes);
  if (item.html === undefined) notes.push('body: none given; the summary (or title) is the body');
  const lifted = item.image && liftLeadImage(item.html ?? '', item.image);
  const html = lifted?.html || item.html || textToHtml(item.summary ?? item.title ?? '');
  const image = lifted?.image ?? item.image;
  const removed = removedByAllowList(html);
  if (removed) notes.push(removed);
  const fields: Array<[string, unknown]> = [
    ['id', id],
    ['title', title],
    ['published', published.text],
    ['updated', item.updated !== undefined && item.updated > published.instant ? isoInstant(item.updated) : undefined],
    ['status', item.status === 'draft' ? 'draft' : undefined],
    ['authors', authorsOf(item.authors, notes)],
    ['categories', item.categories.length > 0 ? item.categories : undefined],
    ['tags', item.tags.length > 0 ? item.tags : undefined],
    ['summary', item.summary ?? (summaryOf(html) || undefined)],
    ['canonical_url', linkOf(item, notes)],
    ['image', image && imageOf(image, notes)],
  ];
  const front = fields.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${yamlValue(value)}`);
  const text = `---\n${front.join('\n')}\n---\n\n${htmlAsMarkdown(html)}`;
  const { year, month } = calendarDate(published.instant, site.timeZone);
  const stem = `articles/${String(year).padStart(4, '0')}/${String(month).padStart(2, '0')}/${slugOf(item, title)}`;
  return { ...(id !== undefined && { id }), stem, text, notes };
}

/** The source's id kept as it is: a URI is a record id as written; a name without spaces is made a tag: URI. */
function idOf(item: SourceItem, notes: string[]): string | undefined {
  const id = item.id ?? item.link;
  if (item.id === undefined && item.link !== undefined)
    notes.push('id: no GUID; its link, which readers key it by, is its id');
  if (id === undefined) {
    notes.push('id: neither a GUID nor a link; the record gets a new id, and readers may show it again');
    return undefined;
  }
  if (/\s/.test(id)) {
    notes.push(`id: ${JSON.stringify(id)} holds spaces, which no record id may; it gets a new id`);
    return undefined;
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) {
    notes.push(`id: ${JSON.stringify(id)} is no URI; Courier publishes it as tag:<id_authority>:${id}`);
  }
  return id;
}

function publishedOf(item: SourceItem, site: Site, notes: string[]): { text: string; instant: number } | undefined {
  const date = item.published;
  if (date === undefined) return undefined;
  if ('instant' in date) return { text: isoInstant(date.instant), instant: date.instant };
  const instant = parseDate(date.local, site.timeZone);
  if (instant === undefined) return undefined;
  notes.push(`published: no GMT date; ${date.local} is read in the site's time_zone (${site.timeZone})`);
  return { text: date.local, instant };
}

function untitled(item: SourceItem, notes: string[]): string {
  notes.push('title: none; made from the summary');
  const words = (item.summary ?? '').split(/\s+/).slice(0, 12).join(' ');
  return words === '' ? 'Untitled' : words;
}

function authorsOf(authors: readonly Author[], notes: string[]): unknown {
  if (authors.length === 0) return undefined;
  return authors.map((author) => {
    const email = author.email !== undefined && EMAIL.test(author.email) ? author.email : undefined;
    const url = author.url !== undefined && HTTP.test(author.url) ? author.url : undefined;
    if (author.email !== undefined && email === undefined) notes.push(`authors: ${author.email} is no email address`);
    if (email === undefined && url === undefined) return author.name;
    return { name: author.name, ...(email !== undefined && { email }), ...(url !== undefined && { url }) };
  });
}

function linkOf(item: SourceItem, notes: string[]): string | undefined {
  if (item.link === undefined) return undefined;
  if (HTTP.test(item.link)) return item.link;
  notes.push(`link: ${JSON.stringify(item.link)} is no http(s) URL; the article URL comes from the site's pattern`);
  return undefined;
}

function imageOf(image: SourceImage, notes: string[]): unknown {
  // "image/jpg", which no registry has, is what the feed package and others write for JPEG.
  const given = image.type?.toLowerCase().replace(/^image\/p?jpg$/, 'image/jpeg');
  const type = given?.startsWith('image/') ? given : imageType(image.url);
  if (!HTTP.test(image.url) || type === undefined) {
    notes.push(
      `image: ${image.url} left out: ${type === undefined ? 'its media type cannot be told' : 'no http(s) URL'}`,
    );
    return undefined;
  }
  const { url, alt, caption, credit, width, height } = image;
  return { url, ...(imageType(url) !== type && { type }), alt, caption, credit, width, height };
}

/**
 * A front matter value in YAML: strings as JSON (a JSON string is a YAML double-quoted scalar, so no colon,
 * hash or quote in a title can break the record), lists and mappings in flow style, undefined entries dropped.
 */
function yamlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    return `{ ${entries.map(([key, inner]) => `${key}: ${yamlValue(inner)}`).join(', ')} }`;
  }
  return 'null';
}
