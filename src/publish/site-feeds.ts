import { setImmediate } from 'node:timers/promises';
import type { Site } from '../content/site.js';
import { feedModel, withHubs } from '../model/feed-model.js';
import { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedListing, FeedModel } from '../model/types.js';
import { FEED_FORMATS, renderFeedFiles, renderOpmlFile, type RenderedFile } from '../render/formats.js';
import { Fragments } from '../render/fragments.js';
import { ArchiveRenderer } from './archive-feeds.js';
import type { Finisher, OutputFile } from './output.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';

/** The public feeds of one build, finished (hashed, compressed), with the index's listing. */
export interface SiteFeeds {
  readonly files: readonly OutputFile[];
  /** Every public feed with its title, site feed first. */
  readonly feeds: readonly FeedListing[];
  /** Feeds rendered anew (not carried over from the last build): what a build's cost follows. */
  readonly rendered: number;
}

/**
 * Renders the public feeds, build after build. It owns what makes that cheap: the items made from unchanged
 * records, their serialised fragments, and the last build's plans, so a feed whose articles are the very same
 * objects as last time is carried over without rendering.
 */
export class SiteFeedRenderer {
  readonly items: ItemMaker;
  readonly fragments = new Fragments();
  /** The last render's plans, by path; a plan is carried over only while its files are the ones published. */
  private previousPlans = new Map<string, FeedPlan>();
  private previousSite: Site | undefined;
  private previousFiles = new Set<OutputFile>();
  /** The RFC 5005 archive pages of every feed, and the newest page each live feed linked to last time. */
  private readonly archives: ArchiveRenderer;
  private previousArchives = new Map<string, string | undefined>();

  constructor(
    bodyOf: (article: FeedPlan['articles'][number]) => string,
    private readonly finisher: Finisher,
    /** The WebSub hubs every public feed names (see withHubs). */
    private readonly hubs: readonly string[] = [],
  ) {
    this.items = new ItemMaker(bodyOf);
    this.archives = new ArchiveRenderer(this.items, this.fragments);
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
    progress: ProgressListener = NO_PROGRESS,
  ): Promise<SiteFeeds> {
    const models = new Map<FeedPlan, FeedModel>();
    const files: Array<Promise<OutputFile>> = [];
    const finish = (file: RenderedFile) => this.finisher.finish(file, previous.get(file.path), now);
    let rendered = 0;
    const newestArchives = new Map<string, string | undefined>();
    for (const [index, plan] of plans.entries()) {
      progress({ stage: 'rendering feeds', done: index, total: plans.length });
      const archives = await this.archives.render(site, plan, previous, finish);
      files.push(...archives.files);
      newestArchives.set(plan.path, archives.newest);
      const model = withArchive(withHubs(feedModel(plan, site, this.items), site, this.hubs), site, archives.newest);
      models.set(plan, model);
      const carried = this.previousArchives.get(plan.path) === archives.newest && this.carryOver(site, plan, previous);
      if (carried) {
        files.push(...carried.map((file) => Promise.resolve(file)));
        continue;
      }
      rendered += 1;
      // Dated by the newest change of any article the feed holds, its archives' included: a correction on an old
      // page moves the prev-archive link, and Last-Modified then follows that content's date, not the clock.
      const newest = newestChange(plan.all);
      files.push(...renderFeedFiles(model, plan.path, this.fragments).map((file) => finish(datedBy(file, newest))));
      await setImmediate();
    }
    files.push(finish(renderIndex(site, models)));
    const finished = await allCounted(files, (done) =>
      progress({ stage: 'compressing files', done, total: files.length }),
    );
    this.previousPlans = new Map(plans.map((plan) => [plan.path, plan]));
    this.previousSite = site;
    this.previousFiles = new Set(finished);
    this.previousArchives = newestArchives;
    this.archives.settle();
    const feeds = [...models].map(([plan, model]) => {
      const archive = newestArchives.get(plan.path);
      return { title: model.title, kind: plan.kind, path: plan.path, ...(archive !== undefined && { archive }) };
    });
    return { files: finished, feeds, rendered };
  }

  private carryOver(site: Site, plan: FeedPlan, previous: ReadonlyMap<string, OutputFile>): OutputFile[] | undefined {
    if (site !== this.previousSite || !samePlan(this.previousPlans.get(plan.path), plan)) return undefined;
    const files: OutputFile[] = [];
    for (const format of FEED_FORMATS) {
      const file = previous.get(plan.path + format.file);
      // A file the last render made but the folder does not hold (its write failed) is rendered again.
      if (file === undefined || !this.previousFiles.has(file)) return undefined;
      files.push(file);
    }
    return files;
  }
}

/** The live feed with its rel="prev-archive" link to its newest archive page, when it has one. */
function withArchive(model: FeedModel, site: Site, newest: string | undefined): FeedModel {
  return newest === undefined ? model : { ...model, history: { prevArchive: new URL(newest, site.feedsUrl).href } };
}

/** The newest publication or update among articles; undefined for none. */
function newestChange(articles: FeedPlan['all']): number | undefined {
  let newest: number | undefined;
  for (const article of articles) newest = Math.max(newest ?? 0, article.published, article.updated ?? 0);
  return newest;
}

function datedBy(file: RenderedFile, newest: number | undefined): RenderedFile {
  if (newest === undefined || (file.contentDate !== undefined && file.contentDate >= newest)) return file;
  return { ...file, contentDate: newest };
}

/** Promise.all, telling `counted` how many have settled each time one does. */
async function allCounted<T>(work: ReadonlyArray<Promise<T>>, counted: (done: number) => void): Promise<T[]> {
  let done = 0;
  counted(done);
  return Promise.all(
    work.map(async (promise) => {
      const value = await promise;
      counted((done += 1));
      return value;
    }),
  );
}

/** What the OPML list says of archives, when any feed has them. */
export const ARCHIVES_NOTE =
  'Older articles: a feed with more articles than it shows links to archive documents that hold all of them ' +
  '(RFC 5005 archived feeds: rel="prev-archive" in RSS and Atom, next_url in JSON Feed).';

/** The OPML index of every public feed; takes the models only for their titles, URLs and dates. */
function renderIndex(site: Site, models: ReadonlyMap<FeedPlan, FeedModel>): RenderedFile {
  const byKind = (kind: FeedPlan['kind']) =>
    [...models].filter(([plan]) => plan.kind === kind).map(([, model]) => model);
  const archived = [...models.values()].some((model) => model.history?.prevArchive !== undefined);
  return renderOpmlFile(
    `${site.title}: all feeds`,
    [
      { title: 'Site', feeds: byKind('site') },
      { title: 'Categories', feeds: byKind('category') },
      { title: 'Authors', feeds: byKind('author') },
    ],
    archived ? ARCHIVES_NOTE : undefined,
  );
}

/** Same name and the very same article objects in the same order: the feed's bytes cannot have changed. */
function samePlan(a: FeedPlan | undefined, b: FeedPlan): boolean {
  return (
    a !== undefined &&
    a.name === b.name &&
    a.articles.length === b.articles.length &&
    a.articles.every((article, index) => article === b.articles[index])
  );
}
