import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedKeyOptions } from './feed-keys.js';

export const ARCHIVE_KEYS_FILE = 'archive-keys.json';
/** Bump when what a key covers changes. */
const SCHEMA = 1;

/** What an archive page was rendered from (its key), and the folder (with its version) it was published in. */
export interface ArchiveKey {
  readonly key: string;
  readonly folder: string;
}

/**
 * The keys of archive pages, so that a new process finds an unchanged page without rendering it: a page's key
 * covers Courier's version, the site settings, the feed, the page and the page before it (its address), and
 * each article whole with the stamp of the file its body is read from. Equal keys, equal bytes.
 */
export class ArchiveKeys {
  /** Each article's part of a key, made once per record version (the loader keeps an unchanged record's object). */
  private readonly articleParts = new WeakMap<Article, string>();

  constructor(private readonly options: FeedKeyOptions) {}

  keyOf(site: Site, plan: FeedPlan, page: string, prev: string | undefined, articles: readonly Article[]): string {
    const hash = createHash('sha256');
    hash.update(`${SCHEMA}\n${this.options.version}\n${JSON.stringify(site)}\n`);
    hash.update(`${plan.kind}\n${plan.path}\n${plan.name ?? ''}\n${page}\n${prev ?? ''}\n`);
    for (const article of articles) hash.update(this.partOf(article));
    return hash.digest('hex');
  }

  async read(): Promise<{ keys: Map<string, ArchiveKey>; problem?: Problem }> {
    const keys = new Map<string, ArchiveKey>();
    const { file } = this.options;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return { keys }; // none yet: pages are rendered
      throw withContext(`reading ${file}`, error);
    }
    const pages = parse(text);
    if (pages === undefined) {
      const message = 'ignored the archive keys: the file is damaged; archive pages are rendered again';
      return { keys, problem: { file, field: '(archive keys)', message, severity: 'warning' } };
    }
    for (const [page, entry] of Object.entries(pages)) keys.set(page, entry);
    return { keys };
  }

  async write(keys: ReadonlyMap<string, ArchiveKey>): Promise<void> {
    const text = `${JSON.stringify({ schema: SCHEMA, pages: Object.fromEntries(keys) })}\n`;
    await writeAtomically(this.options.file, text);
  }

  private partOf(article: Article): string {
    let part = this.articleParts.get(article);
    if (part === undefined) {
      part = `${this.options.stampOf(article.file) ?? 'unknown'}\n${JSON.stringify(article)}\n`;
      this.articleParts.set(article, part);
    }
    return part;
  }
}

function parse(text: string): Record<string, ArchiveKey> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // torn or hand-edited: the caller says so
    throw error;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { schema, pages } = data as { schema?: unknown; pages?: unknown };
  if (schema !== SCHEMA) return {}; // written by another version: pages are rendered, quietly
  if (typeof pages !== 'object' || pages === null) return undefined;
  const valid = Object.values(pages).every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as ArchiveKey).key === 'string' &&
      typeof (entry as ArchiveKey).folder === 'string',
  );
  return valid ? (pages as Record<string, ArchiveKey>) : undefined;
}
