import { setImmediate } from 'node:timers/promises';
import { WritesInFlight } from '../lib/in-flight.js';
import type { Site } from '../content/site.js';
import { feedModel, withHubs } from '../model/feed-model.js';
import { ItemMaker, type BatchRendering } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedModel } from '../model/types.js';
import { renderFeedFiles, type RenderedFile } from '../render/formats.js';
import { Fragments } from '../render/fragments.js';
import { allCounted } from './all-counted.js';
import { ArchiveRenderer } from './archive-feeds.js';
import type { ArchiveSink } from './archive-sweep.js';
import type { ArchiveFile } from './archive-files.js';
import { CarriedFeeds } from './carried-feeds.js';
import type { FeedKeyOptions } from './feed-keys.js';
import { datedBy, newestChange, withArchive } from './feed-history.js';
import { renderIndex } from './feed-index.js';
import type { Finisher, OutputFile } from './output.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import type { ScratchBuffers } from './scratch.js';
import type { FileSink, SiteFeeds } from './site-feeds.js';

/**
 * Bytes of rendered feeds waiting to be finished (compressed, staged) before the next feed is rendered: without
 * a bound, a cold build rendered faster than libuv's threads compress, and held most of its feeds at once.
 */
const BYTES_FINISHING = 16 * 1024 * 1024;

/**
 * Renders the public feeds, build after build. It owns what makes that cheap: the items made from unchanged
 * records, their serialised fragments, and what carries a feed over without rendering (carried-feeds.ts).
 */
export class SiteFeedRenderer {
  readonly items: ItemMaker;
  readonly fragments = new Fragments();
  private readonly carried: CarriedFeeds;
  /** The RFC 5005 archive pages of every feed, and the newest page each live feed linked to last time. */
  private readonly archives: ArchiveRenderer;
  private previousArchives: ReadonlyMap<string, string> = new Map();

  constructor(
    bodyOf: (article: FeedPlan['articles'][number]) => string,
    private readonly finisher: Finisher,
    /** The WebSub hubs every public feed names (see withHubs). */
    private readonly hubs: readonly string[] = [],
    /** Where the keys of published feeds are kept, so a new process carries unchanged feeds over too. */
    keyStore?: FeedKeyOptions & { readonly archiveFile: string },
    /** Where the bodies of many articles are rendered at once (a BodyPool); none renders each as it is needed. */
    batch?: BatchRendering,
    /**
     * Memory each feed is joined into and handed back once the feed is staged: only for a build whose stage drops
     * the bytes it is given (OutputWriter with bytes on demand), since the next feed is joined over them.
     */
    private readonly scratch?: ScratchBuffers,
  ) {
    this.items = new ItemMaker(bodyOf, batch);
    this.carried = new CarriedFeeds(keyStore);
    this.archives = new ArchiveRenderer(this.items, this.fragments, keyStore);
  }

  /** Saves the keys of the feeds and archive pages just published; call once they are written. */
  async saveKeys(): Promise<void> {
    await this.archives.saveKeys();
    await this.carried.saveKeys();
  }

  /**
   * Renders the feeds whose plan changed and finishes each file as soon as it is rendered: compression runs on
   * libuv's threads while the next feed renders on this one, so a cold build uses both cores.
   */
  async render(
    site: Site,
    plans: readonly FeedPlan[],
    previous: ReadonlyMap<string, OutputFile>,
    now: number,
    archived: { readonly previous: ReadonlyMap<string, ArchiveFile>; readonly write: ArchiveSink },
    progress: ProgressListener = NO_PROGRESS,
    /** Where each file finished anew goes at once (OutputWriter.stageFile), rather than wait for the rest. */
    stage: FileSink = (file) => Promise.resolve(file),
  ): Promise<SiteFeeds> {
    const models = new Map<FeedPlan, FeedModel>();
    const files: Array<Promise<OutputFile>> = [];
    const finishing = new WritesInFlight(BYTES_FINISHING);
    const { scratch } = this;
    const join = scratch && ((chunks: readonly Buffer[]) => scratch.join(chunks));
    const finish = async (file: RenderedFile) => {
      const before = previous.get(file.path);
      const finished = await this.finisher.finish(file, before, now);
      const result = finished === before ? finished : await stage(finished);
      // Hashed, compressed and staged: nothing reads these bytes now. (A failure leaves them to the collector.)
      this.scratch?.release(file.body);
      return result;
    };
    const problems = await this.carried.readKeys();
    progress({ stage: 'rendering archives', done: 0, total: 1 });
    const archives = await this.archives.render(site, plans, archived.previous, archived.write);
    problems.push(...archives.problems);
    // Items for the index only (titles, addresses, dates) of feeds carried over from disk: no Markdown rendered.
    const outlineItems = new ItemMaker(() => '');
    const keys = new Map<FeedPlan, string>();
    let rendered = archives.rendered;
    const newestArchives = archives.newest;
    const decided = plans.map((plan) => {
      const newestArchive = newestArchives.get(plan.path);
      // What the live feed links to besides its articles is part of its key: its hubs and its newest archive page.
      const links = JSON.stringify({ hubs: this.hubs, archive: newestArchive ?? null });
      const key = this.carried.keyOf(site, plan, links);
      if (key !== undefined) keys.set(plan, key);
      const sameArchive = this.previousArchives.get(plan.path) === newestArchive;
      return { plan, newestArchive, carried: this.carried.carried(site, plan, key, previous, sameArchive) };
    });
    // The bodies of the feeds to render not made yet (the archive sweep made most), at once and off this thread.
    progress({ stage: 'rendering feeds', done: 0, total: plans.length });
    const live = decided.filter((d) => !d.carried).flatMap((d) => d.plan.articles);
    await this.items.whileWaiting(this.items.prepare(live));
    for (const [index, { plan, newestArchive, carried }] of decided.entries()) {
      progress({ stage: 'rendering feeds', done: index, total: plans.length });
      const items = carried?.fromDisk ? outlineItems : this.items;
      const model = withArchive(withHubs(feedModel(plan, site, items), site, this.hubs), site, newestArchive);
      models.set(plan, model);
      if (carried) {
        files.push(...carried.files.map((file) => Promise.resolve(file)));
        continue;
      }
      rendered += 1;
      // Dated by the newest change of any article the feed holds, its archives' included: a correction on an old
      // page moves the prev-archive link, and Last-Modified then follows that content's date, not the clock.
      const newest = newestChange(plan.all);
      for (const file of renderFeedFiles(model, plan.path, this.fragments, join)) {
        const finished = finish(datedBy(file, newest));
        files.push(finished);
        finishing.add(
          finished.then(() => undefined),
          file.body.length,
        );
      }
      await setImmediate();
      await finishing.room();
    }
    files.push(finish(renderIndex(site, models)));
    const finished = await allCounted(files, (done) =>
      progress({ stage: 'compressing files', done, total: files.length }),
    );
    this.carried.rendered(site, plans, finished, keys);
    this.previousArchives = newestArchives;
    const feeds = [...models].map(([plan, model]) => {
      const archive = newestArchives.get(plan.path);
      return { title: model.title, kind: plan.kind, path: plan.path, ...(archive !== undefined && { archive }) };
    });
    return { files: finished, archives: archives.files, feeds, rendered, problems };
  }
}
