import type { Article, Status } from './types.js';
import { readAuthors } from './authors.js';
import { calendarDate } from './dates.js';
import { bodyAfterFrontMatter, splitFrontMatter } from './front-matter.js';
import { FieldReader } from './fields.js';
import { readImage, readRenditions } from './image.js';
import { readRetraction, readSyndication } from './rights.js';
import type { Problem } from './problem.js';
import type { Site } from './site.js';
import { cleanText } from './text.js';

export const ARTICLE_FIELDS = [
  'title',
  'published',
  'updated',
  'id',
  'slug',
  'authors',
  'categories',
  'tags',
  'summary',
  'language',
  'canonical_url',
  'image',
  'label',
  'sponsored',
  'status',
  'syndication',
  'retracted_at',
  'retraction_note',
];
const STATUSES: readonly Status[] = ['published', 'draft', 'retracted'];

/**
 * A valid article with any warnings about it (problems whose severity is 'warning': it is published all the
 * same), or the problems that keep the record out (at least one an error).
 */
export type ParsedArticle =
  { article: Article; problems: readonly Problem[] } | { article?: undefined; problems: readonly Problem[] };

/** What an article says about itself beyond what names, dates and places it, and beyond its retraction. */
type Description = Omit<
  Article,
  'file' | 'title' | 'published' | 'updated' | 'slug' | 'language' | 'url' | 'id' | 'retraction'
>;

/**
 * Validates one record. `file` is its path under the content folder (articles/2026/11/slug.md); `text` is
 * its decoded content without BOM and with LF line endings.
 */
export function parseArticle(text: string, file: string, site: Site): ParsedArticle {
  const split = splitFrontMatter(text, file);
  if (!split.ok) return { problems: split.problems };
  const read = new FieldReader(file, split.data, ARTICLE_FIELDS);
  const article = readArticle(read, file, site);
  if (split.body.trim() === '') read.fail('(body)', 'expected Markdown text after the front matter, found nothing');
  read.rejectUnknownFields();
  if (read.problems.length > 0 || !article) return { problems: [...split.warnings, ...read.problems] };
  return { article, problems: split.warnings };
}

/**
 * The Markdown body of a record's text, cleaned of characters no feed may carry. Records do not keep their
 * bodies (an archive of 50,000 would hold 260 MB of them): the body is read again for the few that a feed holds.
 */
export function articleBody(text: string): string {
  return cleanText(bodyAfterFrontMatter(text));
}

/** The fields in the order they are read, which is the order their problems are reported in. */
function readArticle(read: FieldReader, file: string, site: Site): Article | undefined {
  const title = read.plainText('title', { required: true });
  const { published, updated } = readDates(read, site.timeZone);
  const slug = readSlug(read) ?? file.replace(/^.*\//, '').replace(/\.md$/, '');
  const language = read.language('language') ?? site.language;
  const url = read.absoluteUrl('canonical_url') ?? articleUrl(site, slug, published ?? 0);
  const id = readId(read, site, file);
  const description = readDescription(read, site, url);
  const retraction = readRetraction(read, description.status, published, site.timeZone);
  if (title === undefined || published === undefined || id === undefined) return undefined;
  return {
    file,
    title,
    published,
    slug,
    language,
    url,
    id,
    ...(updated !== undefined && updated !== published && { updated }),
    ...description,
    ...(retraction && { retraction }),
  };
}

function readDates(read: FieldReader, zone: string): { published?: number; updated?: number } {
  const published = read.date('published', zone, { required: true });
  const updated = read.date('updated', zone);
  if (published !== undefined && updated !== undefined && updated < published) {
    read.fail('updated', `expected a date not before published, found ${String(read.raw('updated'))}`);
  }
  return { published, updated };
}

function readDescription(read: FieldReader, site: Site, url: string): Description {
  const authors = readAuthors(read, 'authors', site.baseUrl) ?? [site.defaultAuthor];
  const categories = read.textList('categories') ?? [];
  const tags = read.textList('tags') ?? [];
  const summary = read.plainText('summary');
  const image = readImage(read, url);
  const imageRenditions = image && readRenditions(read, url);
  const label = read.plainText('label');
  return {
    authors,
    categories,
    tags,
    ...(summary !== undefined && { summary }),
    ...(image && { image }),
    ...(imageRenditions && { imageRenditions }),
    ...(label !== undefined && { label }),
    sponsored: read.boolean('sponsored') ?? false,
    status: read.oneOf('status', STATUSES) ?? 'published',
    syndication: readSyndication(read),
  };
}

function readSlug(read: FieldReader): string | undefined {
  const value = read.raw('slug');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u.test(value)) return value;
  return read.fail('slug', `expected lower-case letters, digits and single hyphens, found ${JSON.stringify(value)}`);
}

/** The record's id when given (a URI, or a name made into a tag: URI), else one made from the file's path. */
function readId(read: FieldReader, site: Site, file: string): string | undefined {
  const value = read.raw('id');
  const specific = (name: string) => `tag:${site.idAuthority}:${encodeURI(name)}`;
  if (value === undefined || value === null) return specific(file.replace(/\.md$/, ''));
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value.trim())) {
    return read.fail('id', `expected a URI or a name without spaces, found ${JSON.stringify(value)}`);
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : specific(value);
}

export function articleUrl(site: Site, slug: string, published: number): string {
  const { year, month, day } = calendarDate(published, site.timeZone);
  const path = site.articleUrl
    .replaceAll('{yyyy}', String(year).padStart(4, '0'))
    .replaceAll('{mm}', String(month).padStart(2, '0'))
    .replaceAll('{dd}', String(day).padStart(2, '0'))
    .replaceAll('{slug}', encodeURIComponent(slug));
  return new URL(path, site.baseUrl).href;
}
