import { setImmediate } from 'node:timers/promises';
import { WritesInFlight } from '../lib/in-flight.js';
import { Lookahead } from '../lib/lookahead.js';
import type { Site } from '../content/site.js';
import type { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { Fragments } from '../render/fragments.js';
import { ChunkDigests, withoutBytes, type ArchiveFile } from './archive-files.js';
import { renderArchivePage, type PageRendering } from './archive-page.js';
import { filesIn, type CarriedPages } from './carried-pages.js';
import { OpenPages, type FeedPages, type OpenPage } from './open-pages.js';

/** Where a made page's files go: the writer's staging, as soon as the page is rendered. */
export type ArchiveSink = (file: ArchiveFile) => Promise<void>;

/** Records whose items are made at once (through the body pool when there is one). */
const BATCH = 256;
/** Batches whose items are being made while this thread renders the pages of an earlier one. */
const AHEAD = 3;
/** Bytes of archive files being written while more pages render: beyond them, the sweep waits for the disk. */
const BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Makes the archive pages a build cannot carry over in one sweep over their articles, oldest first: each
 * article's item is made once for all the feeds it is in, a page is rendered as soon as its newest article is
 * made, and an item is let go once every page holding it is written, so memory stays within about one open page
 * per feed whatever the size of the archive.
 */
export class ArchiveSweeper {
  private readonly digests = new ChunkDigests();

  constructor(
    private readonly items: ItemMaker,
    private readonly fragments: Fragments,
    private readonly carried: CarriedPages,
  ) {}

  /**
   * Makes the pages still to make, every feed's from its first unmade page on, in one pass over their articles,
   * oldest first. Returns how many pages were rendered.
   */
  async sweep(
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
    const carried = this.carried.carried(site, feed.plan, page, prev, previous);
    if (carried) {
      feed.made.push(carried);
      return false;
    }
    const key = this.carried.keyOf(site, feed.plan, page.key, prev, page.articles);
    const result = renderArchivePage(rendering, feed.plan, page, prev);
    const onDisk = filesIn(result.folder, previous);
    if (!onDisk) result.files.forEach(write);
    const files = onDisk ?? result.files.map(withoutBytes);
    feed.made.push({ site, name: feed.plan.name, articles: page.articles, prev, key, folder: result.folder, files });
    return true;
  }
}
