import { setImmediate } from 'node:timers/promises';
import type { Problem } from '../content/problem.js';
import { WritesInFlight } from '../lib/in-flight.js';
import { Lookahead } from '../lib/lookahead.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { archivePages, type ArchivePage } from '../model/archive.js';
import type { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import { FEED_FORMATS } from '../render/formats.js';
import type { Fragments } from '../render/fragments.js';
import { ArchiveKeys, type ArchiveKey } from './archive-keys.js';
import { renderArchivePage, type PageRendering } from './archive-page.js';
import { ChunkDigests, withoutBytes, type ArchiveFile } from './archive-files.js';
import { OpenPages, type FeedPages, type MadePage, type OpenPage } from './open-pages.js';
import type { FeedKeyOptions } from './feed-keys.js';

/** The archive documents of one build. */
export interface ArchiveBuild {
  /** Every file of every archive page, without bytes (those made anew were handed to `write`). */
  readonly files: readonly ArchiveFile[];
  /** Each feed's newest page folder under the feeds folder, e.g. "archive/p7/3f9a2c7e1b04/", by feed path. */
  readonly newest: ReadonlyMap<string, string>;
  /** Pages rendered anew. */
  readonly rendered: number;
  readonly problems: readonly Problem[];
}

/** Where a made page's files go: the writer's staging, as soon as the page is rendered. */
export type ArchiveSink = (file: ArchiveFile) => Promise<void>;

/** Records whose items are made at once (through the body pool when there is one). */
const BATCH = 256;
/** Batches whose items are being made while this thread renders the pages of an earlier one. */
const AHEAD = 3;
/** Bytes of archive files being written while more pages render: beyond them, the sweep waits for the disk. */
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Renders the RFC 5005 archive documents of the public feeds (model/archive.ts says which pages there are),
 * build after build. A page's address holds a version made from its own bytes, which include the address of
 * the page before it: a page whose articles, or any older page, changed gets a new address, and the links of
 * every newer page and of the live feed move with it, so a document at an address never changes.
 *
 * A page is carried over without rendering when it is the very same as last build (same articles, same page
 * before it) or when its key is the one saved with the folder on disk. The pages to render are made in one
 * sweep over their articles, oldest first: each article's item is made once for all the feeds it is in,
 * a page is rendered as soon as its newest article is made, and an item is let go once every page holding it
 * is written, so memory stays within about one open page per feed whatever the size of the archive.
 */
export class ArchiveRenderer {
  private remembered = new Map<string, MadePage>();
  private diskKeys: Map<string, ArchiveKey> | undefined;
  private readonly digests = new ChunkDigests();
  private readonly keys: ArchiveKeys | undefined;

  constructor(
    /**
     * The live feeds' items: a sweep makes the items it needs there, and lets go of each once its pages are
     * written, but for the articles the live feeds show, which they render next.
     */
    private readonly items: ItemMaker,
    private readonly fragments: Fragments,
    keyStore?: FeedKeyOptions & { readonly archiveFile: string },
  ) {
    this.keys = keyStore && new ArchiveKeys({ ...keyStore, file: keyStore.archiveFile });
  }

  async render(
    site: Site,
    plans: readonly FeedPlan[],
    previous: ReadonlyMap<string, ArchiveFile>,
    write: ArchiveSink,
  ): Promise<ArchiveBuild> {
    const problems = await this.readKeys();
    const feeds: FeedPages[] = site.archives
      ? plans.map((plan) => ({ plan, pages: archivePages(plan.all, plan.articles), made: [] }))
      : [];
    for (const feed of feeds) this.carryOverFrom(site, feed, previous);
    const pending = feeds.filter((feed) => feed.made.length < feed.pages.length);
    const rendered = pending.length === 0 ? 0 : await this.sweep(site, pending, plans, previous, write);
    const next = new Map<string, MadePage>();
    const newest = new Map<string, string>();
    for (const { plan, pages, made } of feeds) {
      made.forEach((page, index) => next.set(plan.path + (pages[index]?.key ?? ''), page));
      const last = made.at(-1);
      if (last) newest.set(plan.path, last.folder);
    }
    this.remembered = next;
    return { files: [...next.values()].flatMap((page) => page.files), newest, rendered, problems };
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

  private async readKeys(): Promise<Problem[]> {
    if (!this.keys || this.diskKeys) return [];
    const { keys, problem } = await this.keys.read();
    this.diskKeys = keys;
    return problem ? [problem] : [];
  }

  /** Carries a feed's pages over, oldest first, up to the first that must be rendered. */
  private carryOverFrom(site: Site, feed: FeedPages, previous: ReadonlyMap<string, ArchiveFile>): void {
    for (let page = feed.pages[0]; page !== undefined; page = feed.pages[feed.made.length]) {
      const carried = this.carried(site, feed.plan, page, feed.made.at(-1)?.folder, previous);
      if (!carried) return;
      feed.made.push(carried);
    }
  }

  private carried(
    site: Site,
    plan: FeedPlan,
    page: ArchivePage,
    prev: string | undefined,
    previous: ReadonlyMap<string, ArchiveFile>,
  ): MadePage | undefined {
    const last = this.remembered.get(plan.path + page.key);
    if (last?.site === site && last.prev === prev && sameArticles(last.articles, page.articles)) {
      if (last.files.every((file) => previous.get(file.path) === file)) return last;
    }
    const key = this.keys?.keyOf(site, plan, page.key, prev, page.articles);
    const saved = this.diskKeys?.get(plan.path + page.key);
    if (key === undefined || saved?.key !== key) return undefined;
    const files = filesIn(saved.folder, previous);
    return files && { site, articles: page.articles, prev, key, folder: saved.folder, files };
  }

  /**
   * Makes the pages still to make, every feed's from its first unmade page on, in one pass over their articles,
   * oldest first. Returns how many pages were rendered.
   */
  private async sweep(
    site: Site,
    feeds: readonly FeedPages[],
    plans: readonly FeedPlan[],
    previous: ReadonlyMap<string, ArchiveFile>,
    write: ArchiveSink,
  ): Promise<number> {
    const { items } = this;
    const open = new OpenPages(feeds, plans);
    const order = open.articles();
    const writes = new WritesInFlight(BYTES_IN_FLIGHT);
    let rendered = 0;
    const rendering: PageRendering = { site, items, fragments: this.fragments, digests: this.digests };
    // Bodies render (in the body pool's workers) a few batches ahead of the pages this thread renders.
    const ahead = new Lookahead(
      order,
      BATCH,
      AHEAD,
      (batch) => items.prepare(batch, order.length),
      (work) => items.whileWaiting(work),
    );
    try {
      for (let batch = await ahead.next(); batch !== undefined; batch = await ahead.next()) {
        for (const article of batch) {
          for (const page of open.completedBy(article)) {
            const made = this.make(rendering, page, previous, (file) => writes.add(write(file), file.size));
            open.made(page, items);
            if (!made) continue;
            rendered += 1;
            // Lets the workers' answers in after each page, so they are sent more bodies while pages render.
            await setImmediate();
          }
        }
        // Writes go on beside the next batches; the disk is waited for only when it is that far behind.
        await writes.room();
      }
    } catch (error) {
      // Nothing this sweep started is left running: the writer may throw its staging away next.
      await Promise.allSettled([ahead.settle(), writes.finish()]);
      throw error;
    }
    await writes.finish();
    return rendered;
  }

  /** Makes an open page whose articles are all made: carried over, or rendered (true) and its files written. */
  private make(
    rendering: PageRendering,
    { feed, page }: OpenPage,
    previous: ReadonlyMap<string, ArchiveFile>,
    write: (file: ArchiveFile) => void,
  ): boolean {
    const { site } = rendering;
    // Oldest first: every older page of the feed holds older articles only, so it is made already.
    if (feed.pages[feed.made.length] !== page) throw new Error(`archive page ${page.key} made out of order`);
    const prev = feed.made.at(-1)?.folder;
    const carried = this.carried(site, feed.plan, page, prev, previous);
    if (carried) {
      feed.made.push(carried);
      return false;
    }
    const key = this.keys?.keyOf(site, feed.plan, page.key, prev, page.articles);
    const result = renderArchivePage(rendering, feed.plan, page, prev);
    const onDisk = filesIn(result.folder, previous);
    if (!onDisk) result.files.forEach(write);
    const files = onDisk ?? result.files.map(withoutBytes);
    feed.made.push({ site, articles: page.articles, prev, key, folder: result.folder, files });
    return true;
  }
}

/** The files of a page's folder as the feeds folder holds them, when it holds all of them. */
function filesIn(folder: string, previous: ReadonlyMap<string, ArchiveFile>): ArchiveFile[] | undefined {
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
