import { Info } from 'luxon';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException, withContext } from '../lib/errors.js';
import type { Author } from './types.js';
import { readAuthors } from './authors.js';
import { describeValue, type Problem } from './problem.js';
import { FieldReader } from './fields.js';
import { readRedirects, type Redirect } from './redirects.js';
import { parseYaml } from './yaml.js';

/** The newsroom's settings from content/site.yaml. */
export interface Site {
  readonly title: string;
  readonly description: string;
  /** The site's home page, ending in a slash. */
  readonly baseUrl: string;
  /** Where the feeds are published, ending in a slash; a feed's public URL is this plus its path. */
  readonly feedsUrl: string;
  readonly language: string;
  readonly timeZone: string;
  readonly copyright: string;
  readonly defaultAuthor: Author;
  /** e.g. "{yyyy}/{mm}/{slug}/", resolved against baseUrl. */
  readonly articleUrl: string;
  readonly itemsPerFeed: number;
  /** Whether feeds link RFC 5005 archive documents holding every older article (model/archive.ts). */
  readonly archives: boolean;
  /** The tag URI authority of every id, e.g. "news.example,2026". Permanent: never change it. */
  readonly idAuthority: string;
  /** How long partners keep a kill notice of a retracted article. */
  readonly killNoticeDays: number;
  /** Old feed addresses on this host, answered 301 with a Courier feed (redirects.ts). */
  readonly redirects: readonly Redirect[];
}

export const SITE_FILE = 'site.yaml';

const TAG_AUTHORITY = /^[a-z0-9.-]+\.[a-z]{2,},\d{4}(-\d{2}(-\d{2})?)?$/;

const KNOWN = [
  'title',
  'description',
  'base_url',
  'feeds_url',
  'language',
  'time_zone',
  'copyright',
  'default_author',
  'article_url',
  'items_per_feed',
  'id_authority',
  'kill_notice_days',
  'redirects',
  'archives',
];

export function parseSite(text: string, file: string): { site?: Site; problems: Problem[] } {
  const yaml = parseYaml(text.replace(/^\uFEFF/, ''), file);
  if (!yaml.ok) {
    const message = `expected valid YAML, found ${yaml.error.message.split('\n')[0]}`;
    return { problems: [{ file, field: '(yaml)', message }] };
  }
  const read = new FieldReader(file, yaml.data, KNOWN);
  const site = readSite(read);
  read.rejectUnknownFields();
  if (read.problems.length > 0 || !site) return { problems: read.problems };
  return { site: Object.freeze(site), problems: [] };
}

/** The settings, read in the order their problems are reported in; the ones not required have defaults. */
function readSite(read: FieldReader): Site | undefined {
  const baseUrl = read.absoluteUrl('base_url', { required: true, directory: true });
  const title = read.plainText('title', { required: true });
  const description = read.plainText('description', { required: true });
  const feedsUrl = read.absoluteUrl('feeds_url', { required: true, directory: true });
  const language = read.language('language') ?? 'en';
  const timeZone = readTimeZone(read, 'time_zone') ?? 'UTC';
  const copyright = read.plainText('copyright') ?? '';
  const defaultAuthor = readAuthors(read, 'default_author', baseUrl)?.[0] ?? { name: 'Newsroom' };
  const articleUrl = readArticleUrl(read, 'article_url') ?? '{yyyy}/{mm}/{slug}/';
  const itemsPerFeed = read.positiveInteger('items_per_feed', { max: 1000 }) ?? 50;
  const archives = read.boolean('archives') ?? true;
  const idAuthority = readTagAuthority(read, 'id_authority');
  const killNoticeDays = read.positiveInteger('kill_notice_days', { max: 3650 }) ?? 30;
  const redirects = readRedirects(read, 'redirects', feedsUrl);
  if (title === undefined || description === undefined || idAuthority === undefined) return undefined;
  if (baseUrl === undefined || feedsUrl === undefined) return undefined;
  return {
    title,
    description,
    baseUrl,
    feedsUrl,
    language,
    timeZone,
    copyright,
    defaultAuthor,
    articleUrl,
    itemsPerFeed,
    archives,
    idAuthority,
    killNoticeDays,
    redirects,
  };
}

function readTimeZone(read: FieldReader, field: string): string | undefined {
  const value = read.present(field);
  if (value === undefined) return undefined;
  // The zone alone, as DateTime#setZone reads it: no DateTime.local(), whose system locale costs 20 ms to look up.
  if (typeof value === 'string' && Info.normalizeZone(value).isValid) return value;
  return read.fail(field, `expected an IANA time zone such as "Asia/Muscat" or "UTC", found ${describeValue(value)}`);
}

function readArticleUrl(read: FieldReader, field: string): string | undefined {
  const value = read.plainText(field);
  if (value === undefined || value.includes('{slug}')) return value;
  return read.fail(field, `expected a pattern containing {slug}, found ${describeValue(value)}`);
}

function readTagAuthority(read: FieldReader, field: string): string | undefined {
  const value = read.present(field, { required: true });
  if (value === undefined) return undefined;
  if (typeof value === 'string' && TAG_AUTHORITY.test(value)) return value;
  return read.fail(
    field,
    `expected a tag URI authority (RFC 4151) such as "news.example,2026", found ${describeValue(value)}`,
  );
}

export interface LoadedSite {
  readonly site?: Site;
  readonly problems: Problem[];
  /** The file's text, by which a caller can tell that the settings did not change. */
  readonly text?: string;
}

/** Reads content/site.yaml; when its text is the previous load's, returns the previous Site object itself. */
export async function loadSite(contentDir: string, previous?: LoadedSite): Promise<LoadedSite> {
  const path = join(contentDir, SITE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // A file that cannot be read is reported like a field that is wrong: a problem for the newsroom to fix.
    if (!isErrnoException(error)) throw withContext(`reading ${path}`, error);
    const found = error.code === 'ENOENT' ? 'none' : error.code;
    const message = `expected the site settings file at ${path}, found ${found}`;
    return { problems: [{ file: SITE_FILE, field: '(file)', message }] };
  }
  if (previous?.site && previous.text === text) return previous;
  return { ...parseSite(text, SITE_FILE), text };
}
