import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { archiveFolder, archivePages, type ArchivePage } from '../model/archive.js';
import { feedModel } from '../model/feed-model.js';
import type { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedModel } from '../model/types.js';
import { renderFeedFiles, type RenderedFile } from '../render/formats.js';
import type { Fragments } from '../render/fragments.js';
import { hashOf, type OutputFile } from './output.js';

/** Hex digits of a page's version in its address: 48 bits, so two versions of one page never meet. */
const VERSION_DIGITS = 12;
const PLACEHOLDER = '0'.repeat(VERSION_DIGITS);

/** A feed's archive documents as one build makes them. */
export interface FeedArchives {
  /** Every file of every archive page, finished (or being finished). */
  readonly files: ReadonlyArray<Promise<OutputFile>>;
  /** The folder of the newest page under the feeds folder, e.g. "archive/p7/3f9a2c7e1b04/". */
  readonly newest?: string;
}

/** What a page was made from last time, so an unchanged page is carried over without rendering. */
interface Remembered {
  readonly site: Site;
  readonly articles: readonly Article[];
  readonly prevArchive: string | undefined;
  readonly folder: string;
  readonly files: ReadonlyArray<Promise<OutputFile>>;
}

/**
 * Renders the RFC 5005 archive documents of the public feeds (model/archive.ts says which pages there are),
 * build after build. A page's address holds a version made from its own bytes, which include the address of
 * the page before it: a page whose articles, or any older page, changed gets a new address, and the links of
 * every newer page and of the live feed move with it, so a document at an archive address never changes.
 * A page whose site, articles and older neighbour are the very same as last build is carried over as it is.
 */
export class ArchiveRenderer {
  private remembered = new Map<string, Remembered>();
  private next = new Map<string, Remembered>();

  constructor(
    private readonly items: ItemMaker,
    private readonly fragments: Fragments,
  ) {}

  /** The archive pages of one feed, oldest first, each linking to the one before it. */
  async render(
    site: Site,
    plan: FeedPlan,
    previous: ReadonlyMap<string, OutputFile>,
    finish: (file: RenderedFile) => Promise<OutputFile>,
  ): Promise<FeedArchives> {
    const files: Array<Promise<OutputFile>> = [];
    let prevArchive: string | undefined;
    for (const page of archivePages(plan.all, plan.articles)) {
      const id = `${plan.path} ${page.key}`;
      const last = this.remembered.get(id);
      const carried = last && (await this.carryOver(last, site, page, prevArchive, previous));
      const made = carried ?? this.renderPage(site, plan, page, prevArchive, finish);
      this.next.set(id, made);
      files.push(...made.files);
      prevArchive = made.folder;
    }
    return { files, ...(prevArchive !== undefined && { newest: prevArchive }) };
  }

  /** Keeps what this build made for the next one: called once every feed of a build is rendered. */
  settle(): void {
    this.remembered = this.next;
    this.next = new Map();
  }

  private async carryOver(
    last: Remembered,
    site: Site,
    page: ArchivePage,
    prevArchive: string | undefined,
    previous: ReadonlyMap<string, OutputFile>,
  ): Promise<Remembered | undefined> {
    if (last.site !== site || last.prevArchive !== prevArchive || !sameArticles(last.articles, page.articles)) {
      return undefined;
    }
    try {
      const files = await Promise.all(last.files);
      // A file the folder does not hold as made (its write failed, or it was read back from disk) is made again.
      return files.every((file) => previous.get(file.path) === file) ? last : undefined;
    } catch {
      // Last build's finishing failed (and that build with it): this page is simply rendered again.
      return undefined;
    }
  }

  /**
   * Renders a page twice: first with a placeholder version, whose bytes give the version, then at its address.
   * Both differ only in the version, so equal bytes give the same address and changed bytes a new one.
   */
  private renderPage(
    site: Site,
    plan: FeedPlan,
    page: ArchivePage,
    prevArchive: string | undefined,
    finish: (file: RenderedFile) => Promise<OutputFile>,
  ): Remembered {
    const draft = renderFeedFiles(this.model(site, plan, page, PLACEHOLDER, prevArchive), '', this.fragments);
    const version = hashOf(Buffer.concat(draft.map((file) => file.body))).slice(0, VERSION_DIGITS);
    const folder = plan.path + archiveFolder(page.key, version);
    const model = this.model(site, plan, page, version, prevArchive);
    const files = renderFeedFiles(model, folder, this.fragments).map(finish);
    return { site, articles: page.articles, prevArchive, folder, files };
  }

  private model(
    site: Site,
    plan: FeedPlan,
    page: ArchivePage,
    version: string,
    prevArchive: string | undefined,
  ): FeedModel {
    const live = feedModel({ ...plan, articles: page.articles }, site, this.items);
    return {
      ...live,
      folderUrl: new URL(plan.path + archiveFolder(page.key, version), site.feedsUrl).href,
      history: {
        current: live.folderUrl,
        ...(prevArchive !== undefined && { prevArchive: new URL(prevArchive, site.feedsUrl).href }),
      },
    };
  }
}

function sameArticles(a: readonly Article[], b: readonly Article[]): boolean {
  return a.length === b.length && a.every((article, index) => article === b[index]);
}
