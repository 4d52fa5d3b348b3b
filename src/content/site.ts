import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Author } from './types.js';
import { type Problem } from './problem.js';
import { FieldReader } from './fields.js';
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
  /** The tag URI authority of every id, e.g. "news.example,2026". Permanent: never change it. */
  readonly idAuthority: string;
  /** How long partners keep a kill notice of a retracted article. */
  readonly killNoticeDays: number;
}

export const SITE_FILE = 'site.yaml';

const KNOWN = [
  'title', 'description', 'base_url', 'feeds_url', 'language', 'time_zone', 'copyright',
  'default_author', 'article_url', 'items_per_feed', 'id_authority', 'kill_notice_days',
];

export function parseSite(text: string, file: string): { site?: Site; problems: Problem[] } {
  let data: unknown;
  try {
    data = parseYaml(text.replace(/^\uFEFF/, ''), file);
  } catch (error) {
    return { problems: [{ file, field: '(yaml)', message: `expected valid YAML, found ${(error as Error).message.split('\n')[0]}` }] };
  }
  const read = new FieldReader(file, data, KNOWN);
  const baseUrl = read.absoluteUrl('base_url', { required: true, directory: true });
  const site = {
    title: read.plainText('title', { required: true }),
    description: read.plainText('description', { required: true }),
    baseUrl,
    feedsUrl: read.absoluteUrl('feeds_url', { required: true, directory: true }),
    language: read.language('language') ?? 'en',
    timeZone: read.timeZone('time_zone') ?? 'UTC',
    copyright: read.plainText('copyright') ?? '',
    defaultAuthor: read.authors('default_author', baseUrl)?.[0] ?? { name: 'Newsroom' },
    articleUrl: read.articleUrlPattern('article_url') ?? '{yyyy}/{mm}/{slug}/',
    itemsPerFeed: read.positiveInteger('items_per_feed', { max: 1000 }) ?? 50,
    idAuthority: read.tagAuthority('id_authority', { required: true }),
    killNoticeDays: read.positiveInteger('kill_notice_days', { max: 3650 }) ?? 30,
  };
  read.rejectUnknownFields();
  if (read.problems.length > 0) return { problems: read.problems };
  return { site: Object.freeze(site) as Site, problems: [] };
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
    return { problems: [{ file: SITE_FILE, field: '(file)', message: `expected the site settings file, found ${(error as NodeJS.ErrnoException).code ?? 'an error'}` }] };
  }
  if (previous?.site && previous.text === text) return previous;
  return { ...parseSite(text, SITE_FILE), text };
}
