import type { Article } from '../content/types.js';
import type { Site } from '../content/site.js';
import type { FeedModel } from '../model/types.js';
import { FEED_FILES } from '../model/feed-model.js';
import type { FeedPlan } from '../model/plan.js';
import { renderAtom } from '../render/atom.js';
import { renderJson } from '../render/json.js';
import { renderOpml } from '../render/opml.js';
import { renderRss } from '../render/rss.js';
import type { RenderedFile } from './output.js';

export const OPML_FILE = 'index.opml';

/** The three files of one feed. */
export function renderFeed(model: FeedModel, plan: FeedPlan): RenderedFile[] {
  return [
    { path: plan.path + FEED_FILES.rss, body: renderRss(model), contentDate: model.updated },
    { path: plan.path + FEED_FILES.atom, body: renderAtom(model), contentDate: model.updated },
    { path: plan.path + FEED_FILES.json, body: renderJson(model), contentDate: model.updated },
  ];
}

/** The OPML index of every public feed; takes the models only for their titles, URLs and dates. */
export function renderIndex(site: Site, models: ReadonlyMap<FeedPlan, FeedModel>): RenderedFile {
  const byKind = (kind: FeedPlan['kind']) => [...models].filter(([plan]) => plan.kind === kind).map(([, model]) => model);
  const groups = [
    { title: 'Site', feeds: byKind('site') },
    { title: 'Categories', feeds: byKind('category') },
    { title: 'Authors', feeds: byKind('author') },
  ];
  const dates = [...models.values()].map((model) => model.updated).filter((date) => date !== undefined);
  return {
    path: OPML_FILE,
    body: renderOpml(`${site.title}: all feeds`, groups),
    contentDate: dates.length > 0 ? Math.max(...dates) : undefined,
  };
}

/** Same site and the very same article objects in the same order: the feed's bytes cannot have changed. */
export function samePlan(a: FeedPlan | undefined, b: FeedPlan): boolean {
  return a !== undefined && a.name === b.name && a.articles.length === b.articles.length
    && a.articles.every((article: Article, index) => article === b.articles[index]);
}

