import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import { archivePages } from '../model/archive.js';
import type { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { Fragments } from '../render/fragments.js';
import type { ArchiveFile } from './archive-files.js';
import { ArchiveSweeper, type ArchiveSink } from './archive-sweep.js';
import { CarriedPages } from './carried-pages.js';
import type { FeedPages, MadePage } from './open-pages.js';
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

/**
 * Renders the RFC 5005 archive documents of the public feeds (model/archive.ts says which pages there are),
 * build after build. A page's address holds a version made from its own bytes, which include the address of
 * the page before it: a page whose articles, or any older page, changed gets a new address, and the links of
 * every newer page and of the live feed move with it, so a document at an address never changes.
 *
 * A page is carried over without rendering when it is the very same as last build (same articles, same page
 * before it) or when its key is the one saved with the folder on disk (carried-pages.ts). The pages to render
 * are made in one sweep over their articles, oldest first (archive-sweep.ts).
 */
export class ArchiveRenderer {
  private readonly carried: CarriedPages;
  private readonly sweeper: ArchiveSweeper;

  constructor(
    /**
     * The live feeds' items: a sweep makes the items it needs there, and lets go of each once its pages are
     * written, but for the articles the live feeds show, which they render next.
     */
    items: ItemMaker,
    fragments: Fragments,
    keyStore?: FeedKeyOptions & { readonly archiveFile: string },
  ) {
    this.carried = new CarriedPages(keyStore);
    this.sweeper = new ArchiveSweeper(items, fragments, this.carried);
  }

  async render(
    site: Site,
    plans: readonly FeedPlan[],
    previous: ReadonlyMap<string, ArchiveFile>,
    write: ArchiveSink,
  ): Promise<ArchiveBuild> {
    const problems = await this.carried.readKeys();
    const feeds: FeedPages[] = site.archives
      ? plans.map((plan) => ({ plan, pages: archivePages(plan.all, plan.articles), made: [] }))
      : [];
    for (const feed of feeds) this.carried.carryOverFrom(site, feed, previous);
    const pending = feeds.filter((feed) => feed.made.length < feed.pages.length);
    const rendered = pending.length === 0 ? 0 : await this.sweeper.sweep(site, pending, plans, previous, write);
    const next = new Map<string, MadePage>();
    const newest = new Map<string, string>();
    for (const { plan, pages, made } of feeds) {
      made.forEach((page, index) => next.set(plan.path + (pages[index]?.key ?? ''), page));
      const last = made.at(-1);
      if (last) newest.set(plan.path, last.folder);
    }
    this.carried.remember(next);
    return { files: [...next.values()].flatMap((page) => page.files), newest, rendered, problems };
  }

  /** Saves the keys of the pages just published; call once they are written. */
  saveKeys(): Promise<void> {
    return this.carried.saveKeys();
  }
}
