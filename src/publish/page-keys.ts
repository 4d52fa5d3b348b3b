import { createHash } from 'node:crypto';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import { LastResult } from '../lib/last-result.js';
import type { IndexEntry } from '../render/index-page.js';
import type { RenderedFile } from '../render/formats.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file.js';
import type { Finisher, OutputFile } from './output.js';
import { SITE_PAGES, sitePageFiles } from './site-pages.js';

export const PAGE_KEYS_FILE = 'page-keys.json';
/** Bump when what a key covers changes. */
const SCHEMA = 1;

/** What a published page was rendered from (its key) and the hash of the file it made. */
interface PageKey {
  readonly key: string;
  readonly hash: string;
}

function pageKeyFile(path: string): KeyFile<PageKey> {
  const isEntry = (entry: object): entry is PageKey =>
    typeof (entry as PageKey).key === 'string' && typeof (entry as PageKey).hash === 'string';
  return { path, schema: SCHEMA, entries: 'pages', what: 'page keys', redone: 'the index page is rendered', isEntry };
}

/** Everything the pages' bytes are made of: Courier's version, the site settings and what the index lists. */
export function pageKey(version: string, site: Site, entries: readonly IndexEntry[]): string {
  return createHash('sha256')
    .update(`${SCHEMA}\n${version}\n${JSON.stringify([site, entries])}`)
    .digest('hex');
}

/**
 * The pages published beside the site feed (site-pages.ts), build after build: rendered again only when what
 * they are made of changed, and, given where keys are kept, carried over by a new process from disk without
 * rendering (the index page's date formatter alone cost a build with nothing changed 20 ms).
 */
export class SitePages {
  private readonly rendered = new LastResult<unknown[], RenderedFile[]>();
  /** The keys on disk, read once; then those of the files last published. */
  private disk: Map<string, PageKey> | undefined;
  private current = new Map<string, PageKey>();

  constructor(
    private readonly finisher: Finisher,
    private readonly store?: { readonly file: string; readonly version: string },
  ) {}

  /** The pages' files for `entries`: the previous ones when their key is the one saved with them. */
  async files(
    site: Site,
    entries: readonly IndexEntry[],
    previous: ReadonlyMap<string, OutputFile>,
    now: number,
  ): Promise<{ files: OutputFile[]; problems: Problem[] }> {
    const problems = await this.readKeys();
    const key = this.store ? pageKey(this.store.version, site, entries) : undefined;
    const files =
      (key === undefined ? undefined : this.fromDisk(key, previous)) ??
      (await this.render(site, entries, previous, now));
    if (key !== undefined) this.current = new Map(files.map((file) => [file.path, { key, hash: file.hash }]));
    return { files, problems };
  }

  /** The published pages, when every one is the very file saved with this key. */
  private fromDisk(key: string, previous: ReadonlyMap<string, OutputFile>): OutputFile[] | undefined {
    const files: OutputFile[] = [];
    for (const path of SITE_PAGES) {
      const file = previous.get(path);
      const saved = this.disk?.get(path);
      if (file === undefined || saved?.key !== key || saved.hash !== file.hash) return undefined;
      files.push(file);
    }
    return files;
  }

  private render(
    site: Site,
    entries: readonly IndexEntry[],
    previous: ReadonlyMap<string, OutputFile>,
    now: number,
  ): Promise<OutputFile[]> {
    const pages = this.rendered.get([site, entries], () => sitePageFiles(site, entries));
    return Promise.all(pages.map((page) => this.finisher.finish(page, previous.get(page.path), now)));
  }

  /** Saves the keys of the pages just published, if they changed; call once they are written. */
  async saveKeys(): Promise<void> {
    if (!this.store || samePages(this.current, this.disk)) return;
    await writeKeyFile(pageKeyFile(this.store.file), this.current);
    this.disk = this.current;
  }

  private async readKeys(): Promise<Problem[]> {
    if (!this.store || this.disk) return [];
    const { keys, problem } = await readKeyFile(pageKeyFile(this.store.file));
    this.disk = keys;
    return problem ? [problem] : [];
  }
}

function samePages(a: ReadonlyMap<string, PageKey>, b: ReadonlyMap<string, PageKey> | undefined): boolean {
  if (b?.size !== a.size) return false;
  return [...a].every(([path, entry]) => b.get(path)?.key === entry.key && b.get(path)?.hash === entry.hash);
}
