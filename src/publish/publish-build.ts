import type { Site } from '../content/site.js';
import type { ArchiveFile } from './archive-files.js';
import type { BuilderParts } from './builder-parts.js';
import type { BuildSteps } from './build-steps.js';
import type { OutputFile } from './output.js';
import type { Prepared } from './prepare.js';
import type { ProgressListener } from './progress.js';
import type { BuildReport, Summary } from './report.js';

/** The builder's parts a prepared build is published with. */
export interface PublishDeps extends Pick<
  BuilderParts,
  'writer' | 'siteFeeds' | 'pages' | 'partnerFeeds' | 'published'
> {
  readonly steps: BuildSteps;
  readonly progress: ProgressListener;
}

/**
 * Renders the public feeds and pages of a prepared build and the partners' feeds, writes the files, and saves
 * the keys and the published index the next build starts from.
 */
export async function publishBuild(
  deps: PublishDeps,
  now: number,
  prepared: Prepared & { site: Site },
  summary: Summary,
  previousFiles: ReadonlyMap<string, OutputFile>,
): Promise<BuildReport> {
  const { progress, steps } = deps;
  const { writer, siteFeeds: renderer, pages: sitePages, partnerFeeds, published } = deps;
  const stageArchive = (file: ArchiveFile): Promise<void> => writer.stageArchive(file);
  const stageFile = (file: OutputFile): Promise<OutputFile> => writer.stageFile(file);
  const { site, articles, planned } = prepared;
  const { plans } = planned;
  const archived = { previous: writer.previousArchives(), write: stageArchive };
  const siteFeeds = await renderer.render(site, plans, previousFiles, now, archived, progress, stageFile);
  const entries = steps.indexEntries(site, planned, siteFeeds.feeds);
  const pages = await sitePages.files(site, entries, previousFiles, now);
  const files = [...siteFeeds.files, ...pages.files];
  progress({ stage: 'partner feeds', done: 0, total: 1 });
  const partners = await partnerFeeds.publish(site, articles, now);
  progress({ stage: 'writing files', done: 0, total: files.length });
  const { written, removed } = await writer.write(files, siteFeeds.archives);
  await renderer.saveKeys();
  await sitePages.saveKeys();
  await published.write(steps.index(articles, now, planned));
  return {
    ...summary,
    problems: [...partners.problems, ...prepared.problems, ...siteFeeds.problems, ...pages.problems],
    written,
    removed,
    rendered: siteFeeds.rendered,
    publication: {
      files,
      archives: siteFeeds.archives,
      feeds: siteFeeds.feeds,
      site: { title: site.title, description: site.description, feedsUrl: site.feedsUrl, redirects: site.redirects },
      partners: partners.built,
    },
  };
}
