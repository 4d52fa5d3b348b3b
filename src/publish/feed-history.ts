import type { Site } from '../content/site.js';
import type { FeedPlan } from '../model/plan.js';
import type { FeedModel } from '../model/types.js';
import type { RenderedFile } from '../render/formats.js';

/** The live feed with its rel="prev-archive" link to its newest archive page, when it has one. */
export function withArchive(model: FeedModel, site: Site, newest: string | undefined): FeedModel {
  return newest === undefined ? model : { ...model, history: { prevArchive: new URL(newest, site.feedsUrl).href } };
}

/** The newest publication or update among articles; undefined for none. */
export function newestChange(articles: FeedPlan['all']): number | undefined {
  let newest: number | undefined;
  for (const article of articles) newest = Math.max(newest ?? 0, article.published, article.updated ?? 0);
  return newest;
}

export function datedBy(file: RenderedFile, newest: number | undefined): RenderedFile {
  if (newest === undefined || (file.contentDate !== undefined && file.contentDate >= newest)) return file;
  return { ...file, contentDate: newest };
}
