import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { FeedPlan } from '../model/plan.js';
import { FEED_FORMATS } from '../render/formats.js';
import {
  feedKey,
  keysOf,
  readFeedKeys,
  sameKeys,
  writeFeedKeys,
  type FeedKey,
  type FeedKeyOptions,
} from './feed-keys.js';
import type { OutputFile } from './output.js';

/** A live feed a build need not render: the files that stand for it, and whether only the disk vouches for them. */
export interface CarriedFeed {
  readonly files: readonly OutputFile[];
  /** Carried by its key on disk (a new process): its model needs only outlines, no Markdown. */
  readonly fromDisk: boolean;
}

/**
 * What lets a build leave a live feed as published: within a process, the last render's plans (the very same
 * article objects, so the bytes cannot have changed); across processes, the keys of the published feeds
 * (feed-keys.ts), saved once a build's files are written.
 */
export class CarriedFeeds {
  /** The last render's plans, by path; a plan is carried over only while its files are the ones published. */
  private previousPlans = new Map<string, FeedPlan>();
  private previousSite: Site | undefined;
  private previousFiles = new Set<OutputFile>();
  /** The keys of the feeds on disk, read once, when a key store is given; then the keys of each render. */
  private diskKeys: Map<string, FeedKey> | undefined;
  private renderedKeys = new Map<string, FeedKey>();
  private savedKeys = new Map<string, FeedKey>();

  constructor(private readonly keyStore?: FeedKeyOptions) {}

  /** The keys on disk, read once per process: what was wrong with them, if anything. */
  async readKeys(): Promise<Problem[]> {
    if (!this.keyStore || this.diskKeys) return [];
    const { keys, problem } = await readFeedKeys(this.keyStore.file);
    this.diskKeys = keys;
    this.savedKeys = keys;
    return problem ? [problem] : [];
  }

  /** The key of a feed's bytes, when keys are kept; `links` is what it links to besides its articles. */
  keyOf(site: Site, plan: FeedPlan, links: string): string | undefined {
    return this.keyStore && feedKey(this.keyStore, site, plan, links);
  }

  /**
   * The published files of a feed whose bytes cannot have changed: the last render's, when its plan and site are
   * the same and `sameLinks` (else none), or else the disk's, when its key is the one saved with them.
   */
  carried(
    site: Site,
    plan: FeedPlan,
    key: string | undefined,
    previous: ReadonlyMap<string, OutputFile>,
    sameLinks: boolean,
  ): CarriedFeed | undefined {
    const kept = sameLinks ? this.fromLastRender(site, plan, previous) : undefined;
    if (kept) return { files: kept, fromDisk: false };
    const fromDisk = this.fromDisk(plan, key, previous);
    return fromDisk && { files: fromDisk, fromDisk: true };
  }

  /** Remembers a render: its plans, its site, the files it left published and the key of each feed. */
  rendered(site: Site, plans: readonly FeedPlan[], files: readonly OutputFile[], keys: Map<FeedPlan, string>): void {
    this.previousPlans = new Map(plans.map((plan) => [plan.path, plan]));
    this.previousSite = site;
    this.previousFiles = new Set(files);
    this.renderedKeys = keysOf(keys, new Map(files.map((file) => [file.path, file])));
  }

  /** Saves the keys of the feeds just published; call once they are written. */
  async saveKeys(): Promise<void> {
    if (!this.keyStore || sameKeys(this.savedKeys, this.renderedKeys)) return;
    await writeFeedKeys(this.keyStore.file, this.renderedKeys);
    this.diskKeys = this.renderedKeys;
    this.savedKeys = this.renderedKeys;
  }

  private fromLastRender(
    site: Site,
    plan: FeedPlan,
    previous: ReadonlyMap<string, OutputFile>,
  ): OutputFile[] | undefined {
    if (site !== this.previousSite || !samePlan(this.previousPlans.get(plan.path), plan)) return undefined;
    // A file the last render made but the folder does not hold (its write failed) is rendered again.
    return publishedFiles(plan, previous, (file) => this.previousFiles.has(file));
  }

  /** A feed whose key is the one on disk, and whose files on disk are the very ones that key was saved with. */
  private fromDisk(
    plan: FeedPlan,
    key: string | undefined,
    previous: ReadonlyMap<string, OutputFile>,
  ): OutputFile[] | undefined {
    const saved = key === undefined ? undefined : this.diskKeys?.get(plan.path);
    if (saved === undefined || saved.key !== key || saved.hashes.length !== FEED_FORMATS.length) return undefined;
    return publishedFiles(plan, previous, (file, index) => file.hash === saved.hashes[index]);
  }
}

/** The published file of a feed in each format, in FEED_FORMATS' order, if every one is there and `stands`. */
function publishedFiles(
  plan: FeedPlan,
  previous: ReadonlyMap<string, OutputFile>,
  stands: (file: OutputFile, index: number) => boolean,
): OutputFile[] | undefined {
  const files: OutputFile[] = [];
  for (const [index, format] of FEED_FORMATS.entries()) {
    const file = previous.get(plan.path + format.file);
    if (file === undefined || !stands(file, index)) return undefined;
    files.push(file);
  }
  return files;
}

/**
 * Same name, same date of the newest change (a retracted article's too, which dates a feed it no longer stands
 * in) and the very same article objects in the same order: the feed's bytes cannot have changed.
 */
function samePlan(a: FeedPlan | undefined, b: FeedPlan): boolean {
  return (
    a !== undefined &&
    a.name === b.name &&
    a.changed === b.changed &&
    a.articles.length === b.articles.length &&
    a.articles.every((article, index) => article === b.articles[index])
  );
}
