import type { ContentChanges } from '../content/load.js';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { BuildSteps, Planned } from './build-steps.js';
import type { ContentReader } from './content-reader.js';
import type { GuardOptions } from './guards.js';
import type { ProgressListener } from './progress.js';
import type { PublishedRecord } from './published-index.js';
import type { OutputWriter } from './writer.js';

/** What a build knows before it renders: the records it publishes, its plans, and whether a guard holds it. */
export type Prepared =
  | {
      readonly site: Site;
      readonly articles: readonly Article[];
      readonly kept: readonly Article[];
      readonly planned: Planned;
      readonly held: string | undefined;
      readonly parsed: number;
      readonly problems: readonly Problem[];
    }
  | { readonly site?: undefined; readonly problems: readonly Problem[] };

/** The builder's parts a build is prepared with. */
export interface PrepareDeps {
  readonly reader: ContentReader;
  readonly published: PublishedRecord;
  readonly steps: BuildSteps;
  readonly writer: OutputWriter;
  readonly guards: GuardOptions;
  readonly progress: ProgressListener;
  /** A check, which writes nothing: the feeds folder is read as it is, not recovered (see OutputWriter). */
  readonly onlyLooking?: boolean;
}

/** Reads the records, keeps the last good version of broken ones, plans the feeds and asks the guards. */
export async function prepareBuild(deps: PrepareDeps, now: number, changes: ContentChanges): Promise<Prepared> {
  const { reader, published, steps, writer, guards, progress } = deps;
  const content = await reader.read(progress, changes);
  if (!content.site) return { problems: content.problems };
  const previous = await published.read();
  const { articles, kept, problems } = steps.keep(content.articles, content.problems, previous);
  const warnings = steps.warnings(articles, previous, now);
  const planned = steps.plan(articles, now, content.site.itemsPerFeed);
  const { plans, publicIds } = planned;
  await writer.previousFiles(!deps.onlyLooking);
  const held = steps.hold(
    {
      articlesFolder: content.articlesFolder,
      previous,
      previousFeeds: writer.publishedFeeds(),
      plannedFeeds: plans.map((plan) => plan.path),
      records: articles,
      publicIds,
    },
    guards,
  );
  const all = [...writer.takeProblems(), ...problems, ...warnings];
  return { site: content.site, articles, kept, planned, held, parsed: content.parsed, problems: all };
}
