import type { Site } from '../content/site.js';
import { archiveFolder, type ArchivePage } from '../model/archive.js';
import { feedModel } from '../model/feed-model.js';
import type { ItemMaker } from '../model/item.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedModel } from '../model/types.js';
import { stylesheetHref } from '../render/feed-stylesheet.js';
import { FEED_FORMATS, mediaTypeOf } from '../render/formats.js';
import type { Fragments } from '../render/fragments.js';
import type { ArchiveFile, ChunkDigests } from './archive-files.js';

/** Hex digits of a page's version in its address: 48 bits, so two versions of one page never meet. */
const VERSION_DIGITS = 12;
const PLACEHOLDER = '0'.repeat(VERSION_DIGITS);

/** What rendering archive pages needs, the same for every page of a build. */
export interface PageRendering {
  readonly site: Site;
  readonly items: ItemMaker;
  readonly fragments: Fragments;
  readonly digests: ChunkDigests;
}

/**
 * Renders one archive page in every format: first at a placeholder version, whose digest gives the version,
 * then at its address. Both differ only in the version, so equal bytes give the same address and changed
 * bytes a new one. Returns the page's folder under the feeds folder and its files with their bytes.
 */
export function renderArchivePage(
  rendering: PageRendering,
  plan: FeedPlan,
  page: ArchivePage,
  prev: string | undefined,
): { folder: string; files: ArchiveFile[] } {
  const { digests } = rendering;
  const draft = renderAt(rendering, plan, page, PLACEHOLDER, prev);
  const version = digests.of(draft.map((chunks) => Buffer.from(digests.of(chunks), 'hex'))).slice(0, VERSION_DIGITS);
  const folder = plan.path + archiveFolder(page.key, version);
  const lastModified = newestChange(page);
  const files = renderAt(rendering, plan, page, version, prev).map((chunks, index): ArchiveFile => {
    const path = folder + (FEED_FORMATS[index]?.file ?? '');
    const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    return { path, type: mediaTypeOf(path), size, tag: digests.of(chunks).slice(0, 32), lastModified, chunks };
  });
  return { folder, files };
}

/** The page's documents at one version, format by format, as pieces. */
function renderAt(
  { site, items, fragments }: PageRendering,
  plan: FeedPlan,
  page: ArchivePage,
  version: string,
  prev: string | undefined,
): Buffer[][] {
  const folder = plan.path + archiveFolder(page.key, version);
  const model = pageModel(site, plan, page, items, folder, prev);
  const stylesheet = stylesheetHref(folder);
  return FEED_FORMATS.map((format) =>
    format.renderChunks(model, { selfUrl: model.folderUrl + format.file, fragments, stylesheet }),
  );
}

function pageModel(
  site: Site,
  plan: FeedPlan,
  page: ArchivePage,
  items: ItemMaker,
  folder: string,
  prev: string | undefined,
): FeedModel {
  const live = feedModel({ ...plan, articles: page.articles }, site, items);
  return {
    ...live,
    folderUrl: new URL(folder, site.feedsUrl).href,
    history: {
      current: live.folderUrl,
      ...(prev !== undefined && { prevArchive: new URL(prev, site.feedsUrl).href }),
    },
  };
}

/** The newest publication or update among the page's articles, in whole seconds. */
function newestChange(page: ArchivePage): number {
  let newest = 0;
  for (const article of page.articles) newest = Math.max(newest, article.published, article.updated ?? 0);
  return Math.floor(newest / 1000) * 1000;
}
