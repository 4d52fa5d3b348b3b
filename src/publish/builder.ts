import type { ContentChanges } from '../content/load.js';
import type { Problem } from '../content/problem.js';
import type { Article } from '../content/types.js';
import { nextChangeByClock, nextRelease } from '../model/plan.js';
import { windowsByClock } from '../partners/plan.js';
import { loadPartners } from '../partners/registry.js';
import type { Partner } from '../partners/types.js';
import type { ArchiveFile } from './archive-files.js';
import type { BuilderOptions } from './builder-options.js';
import { builderParts, type BuilderParts } from './builder-parts.js';
import { BuildSteps } from './build-steps.js';
import { DEFAULT_GUARDS, OVERRIDE_HINT, type GuardOptions } from './guards.js';
import { LastGoodRecords } from './last-good.js';
import type { OutputFile } from './output.js';
import { prepareBuild, type Prepared } from './prepare.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import { publishBuild } from './publish-build.js';
import { failedReport, type BuildReport, type Summary } from './report.js';
import { buildAgainIfARecordVanished } from './vanished-retry.js';

export type { BuilderOptions } from './builder-options.js';

/**
 * Builds the feeds folder from the content folder, again and again in one process, by job: read the records,
 * plan the feeds, render the public feeds, reload and render the partners', write. Each job keeps what it
 * needs of the last build, so a run re-renders only feeds whose articles changed and writes only changed files.
 */
export class Builder {
  private readonly parts: BuilderParts;
  private readonly steps = new BuildSteps(new LastGoodRecords());
  private readonly guards: GuardOptions;
  private readonly progress: ProgressListener;
  private inFlight: Promise<BuildReport> | undefined;

  constructor(
    private readonly contentDir: string,
    outDir: string,
    options: BuilderOptions = {},
  ) {
    this.parts = builderParts(contentDir, outDir, options);
    this.guards = options.guards ?? DEFAULT_GUARDS;
    this.progress = options.progress ?? NO_PROGRESS;
  }

  /**
   * Builds as of `now` (epoch ms), looking at the records `changes` names (every one by default). A call while a
   * build runs joins that build instead of starting another; what it names is looked at by the next.
   */
  build(now: number, changes: ContentChanges = 'unknown'): Promise<BuildReport> {
    if (this.inFlight) this.parts.reader.note(changes);
    this.inFlight ??= this.run(now, changes).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Notes what changed in the content folder for the next build (a build in progress has read it already). */
  note(changes: ContentChanges): void {
    this.parts.reader.note(changes);
  }

  /**
   * Ends the worker threads, once the parse cache is saved; a build after this fails. Call when the process is
   * done building. Returns what went wrong saving the cache (warnings), which no report could say yet.
   */
  async close(): Promise<readonly Problem[]> {
    const late = await this.parts.cache.said();
    await this.parts.bodies.close();
    return late;
  }

  /** The files of the last build: remembered from this process, or read from the feeds folder once. */
  previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    return this.parts.writer.previousFiles();
  }

  /** The archive files of the last build (after previousFiles): served from the feeds folder. */
  previousArchives(): ReadonlyMap<string, ArchiveFile> {
    return this.parts.writer.previousArchives();
  }

  /** Validates every record without writing anything; `now` dates the warnings (a published date far ahead). */
  async check(now: number): Promise<{
    problems: readonly Problem[];
    records: number;
    articles: readonly Article[];
    partners: readonly Partner[];
  }> {
    const prepared = await this.prepare(now, 'unknown', true);
    if (!prepared.site) return { problems: prepared.problems, records: 0, articles: [], partners: [] };
    const partners = await loadPartners(this.contentDir);
    const problems = [...partners.problems, ...prepared.problems];
    const { articles } = prepared;
    return { problems, records: articles.length, articles, partners: partners.partners };
  }

  private prepare(now: number, changes: ContentChanges = 'unknown', onlyLooking = false): Promise<Prepared> {
    const { steps, guards, progress } = this;
    const { reader, published, writer } = this.parts;
    return prepareBuild({ reader, published, steps, writer, guards, progress, onlyLooking }, now, changes);
  }

  /** A build, then the parse cache saved (cache-saving.ts); what went wrong saving the last one is said first. */
  private async run(now: number, changes: ContentChanges): Promise<BuildReport> {
    const { cache } = this.parts;
    const late = await cache.said();
    try {
      const report = await buildAgainIfARecordVanished((looking) => this.runBuild(now, looking), changes);
      return late.length === 0 ? report : { ...report, problems: [...late, ...report.problems] };
    } finally {
      cache.built();
    }
  }

  private async runBuild(now: number, changes: ContentChanges): Promise<BuildReport> {
    const prepared = await this.prepare(now, changes);
    if (!prepared.site) return failedReport(prepared.problems);
    this.parts.cache.rendering(prepared.parsed);
    const { articles, held } = prepared;
    const { publicArticles } = prepared.planned;
    const summary: Summary = {
      ok: true,
      records: articles.length,
      publicArticles: publicArticles.length,
      parsed: prepared.parsed,
      kept: prepared.kept.map((article) => article.file),
      nextRelease: nextRelease(articles, now),
      nextChange: nextChangeByClock(articles, now, windowsByClock(prepared.site.killNoticeDays)),
    };
    if (held !== undefined) {
      const problems = [
        ...prepared.problems,
        { file: '(build)', field: '(guard)', message: `held: ${held}; ${OVERRIDE_HINT}` },
      ];
      return { ...summary, problems, held, written: [], removed: [], rendered: 0 };
    }
    const { writer } = this.parts;
    const previousFiles = await writer.previousFiles();
    writer.begin();
    try {
      const { steps, progress } = this;
      const { siteFeeds, pages, partnerFeeds, published } = this.parts;
      const deps = { writer, siteFeeds, pages, partnerFeeds, published, steps, progress };
      return await publishBuild(deps, now, prepared, summary, previousFiles);
    } catch (error) {
      await writer.abandon();
      throw error;
    }
  }
}
