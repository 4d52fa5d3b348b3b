import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { ArchivePage } from '../model/archive.js';
import type { FeedPlan } from '../model/plan.js';
import { FEED_FORMATS } from '../render/formats.js';
import type { ArchiveFile } from './archive-files.js';
import { ArchiveKeys, type ArchiveKey } from './archive-keys.js';
import type { FeedKeyOptions } from './feed-keys.js';
import type { FeedPages, MadePage } from './open-pages.js';

/**
 * What carries an archive page over without rendering: within a process, the very same page as last build (same
 * articles, same page before it); across processes, its key when it is the one saved with the folder on disk
 * (archive-keys.ts), saved once a build's files are written.
 */
export class CarriedPages {
  private remembered = new Map<string, MadePage>();
  private diskKeys: Map<string, ArchiveKey> | undefined;
  private readonly keys: ArchiveKeys | undefined;

  constructor(keyStore?: FeedKeyOptions & { readonly archiveFile: string }) {
    this.keys = keyStore && new ArchiveKeys({ ...keyStore, file: keyStore.archiveFile });
  }

  /** The pages a build published, by feed path and page key: what the next build carries over. */
  remember(pages: Map<string, MadePage>): void {
    this.remembered = pages;
  }

  /** Saves the keys of the pages just published; call once they are written. */
  async saveKeys(): Promise<void> {
    if (!this.keys) return;
    const keys = new Map<string, ArchiveKey>();
    for (const [id, page] of this.remembered) {
      if (page.key !== undefined) keys.set(id, { key: page.key, folder: page.folder });
    }
    if (sameKeys(keys, this.diskKeys)) return;
    await this.keys.write(keys);
    this.diskKeys = keys;
  }

  /** Reads the keys on disk, once per process: what was wrong with them, if anything. */
  async readKeys(): Promise<Problem[]> {
    if (!this.keys || this.diskKeys) return [];
    const { keys, problem } = await this.keys.read();
    this.diskKeys = keys;
    return problem ? [problem] : [];
  }

  /** The key of a page's bytes, when keys are kept. */
  keyOf(
    site: Site,
    plan: FeedPlan,
    page: string,
    prev: string | undefined,
    articles: readonly Article[],
  ): string | undefined {
    return this.keys?.keyOf(site, plan, page, prev, articles);
  }

  /** Carries a feed's pages over, oldest first, up to the first that must be rendered. */
  carryOverFrom(site: Site, feed: FeedPages, previous: ReadonlyMap<string, ArchiveFile>): void {
    for (let page = feed.pages[0]; page !== undefined; page = feed.pages[feed.made.length]) {
      const carried = this.carried(site, feed.plan, page, feed.made.at(-1)?.folder, previous);
      if (!carried) return;
      feed.made.push(carried);
    }
  }

  /** The page as published, when it cannot have changed: the last build's, or the disk's under its saved key. */
  carried(
    site: Site,
    plan: FeedPlan,
    page: ArchivePage,
    prev: string | undefined,
    previous: ReadonlyMap<string, ArchiveFile>,
  ): MadePage | undefined {
    const last = this.remembered.get(plan.path + page.key);
    if (
      last?.site === site &&
      last.name === plan.name &&
      last.prev === prev &&
      sameArticles(last.articles, page.articles)
    ) {
      if (last.files.every((file) => previous.get(file.path) === file)) return last;
    }
    const key = this.keys?.keyOf(site, plan, page.key, prev, page.articles);
    const saved = this.diskKeys?.get(plan.path + page.key);
    if (key === undefined || saved?.key !== key) return undefined;
    const files = filesIn(saved.folder, previous);
    return files && { site, name: plan.name, articles: page.articles, prev, key, folder: saved.folder, files };
  }
}

/** The files of a page's folder as the feeds folder holds them, when it holds all of them. */
export function filesIn(folder: string, previous: ReadonlyMap<string, ArchiveFile>): ArchiveFile[] | undefined {
  const files: ArchiveFile[] = [];
  for (const format of FEED_FORMATS) {
    const file = previous.get(folder + format.file);
    if (file === undefined) return undefined;
    files.push(file);
  }
  return files;
}

function sameArticles(a: readonly Article[], b: readonly Article[]): boolean {
  return a.length === b.length && a.every((article, index) => article === b[index]);
}

function sameKeys(a: ReadonlyMap<string, ArchiveKey>, b: ReadonlyMap<string, ArchiveKey> | undefined): boolean {
  if (b?.size !== a.size) return false;
  for (const [id, page] of a) {
    const other = b.get(id);
    if (other?.key !== page.key || other.folder !== page.folder) return false;
  }
  return true;
}
