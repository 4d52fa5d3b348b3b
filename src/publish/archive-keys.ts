import { createHash } from 'node:crypto';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedKeyOptions } from './feed-keys.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file.js';

export const ARCHIVE_KEYS_FILE = 'archive-keys.json';
/** Bump when what a key covers changes. */
const SCHEMA = 2;

/** What an archive page was rendered from (its key), and the folder (with its version) it was published in. */
export interface ArchiveKey {
  readonly key: string;
  readonly folder: string;
}

/**
 * The keys of archive pages, so that a new process finds an unchanged page without rendering it: a page's key
 * covers Courier's version, the site settings, the feed, the page and the page before it (its address), and
 * each article (FeedKeyOptions.partOf). Equal keys, equal bytes.
 */
export class ArchiveKeys {
  private readonly file: KeyFile<ArchiveKey>;

  constructor(private readonly options: FeedKeyOptions) {
    const isEntry = (entry: object): entry is ArchiveKey =>
      typeof (entry as ArchiveKey).key === 'string' && typeof (entry as ArchiveKey).folder === 'string';
    const redone = 'archive pages are rendered';
    this.file = { path: options.file, schema: SCHEMA, entries: 'pages', what: 'archive keys', redone, isEntry };
  }

  keyOf(site: Site, plan: FeedPlan, page: string, prev: string | undefined, articles: readonly Article[]): string {
    const hash = createHash('sha256');
    hash.update(`${SCHEMA}\n${this.options.version}\n${JSON.stringify(site)}\n`);
    hash.update(`${plan.kind}\n${plan.path}\n${plan.name ?? ''}\n${page}\n${prev ?? ''}\n`);
    hash.update(articles.map(this.options.partOf).join(''));
    return hash.digest('hex');
  }

  read(): Promise<{ keys: Map<string, ArchiveKey>; problem?: Problem }> {
    return readKeyFile(this.file);
  }

  write(keys: ReadonlyMap<string, ArchiveKey>): Promise<void> {
    return writeKeyFile(this.file, keys);
  }
}
