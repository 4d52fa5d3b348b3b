import { join } from 'node:path';
import { BodyPool } from '../content/body-pool.js';
import { RecordVanished, type ContentChanges } from '../content/load.js';
import { PARSE_CACHE_FILE } from '../content/parse-cache.js';
import { RecordParser } from '../content/record-pool.js';
import { ScratchBuffers } from './scratch.js';
import type { Problem } from '../content/problem.js';
import { courierVersion } from '../lib/version.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { nextChangeByClock, nextRelease } from '../model/plan.js';
import { windowsByClock } from '../partners/plan.js';
import { loadPartners } from '../partners/registry.js';
import type { Partner } from '../partners/types.js';
import type { ArchiveFile } from './archive-files.js';
import { CacheSaving } from './cache-saving.js';
import { ContentReader } from './content-reader.js';
import { ARCHIVE_KEYS_FILE } from './archive-keys.js';
import { FEED_KEYS_FILE } from './feed-keys.js';
import { PAGE_KEYS_FILE, SitePages } from './page-keys.js';
import { FILE_STAMPS_FILE } from './file-stamps.js';
import { DEFAULT_GUARDS, OVERRIDE_HINT, type GuardOptions } from './guards.js';
import { LastGoodRecords } from './last-good.js';
import { PublishedRecord } from './published-index.js';
import { BuildSteps } from './build-steps.js';
import { prepareBuild, type Prepared } from './prepare.js';
import { Finisher, type OutputFile } from './output.js';
import { PartnerFeedPublisher } from './partner-files.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import { failedReport, type BuildReport, type Summary } from './report.js';
import { SiteFeedRenderer } from './site-feeds.js';
import { OutputWriter } from './writer.js';
import type { BuilderOptions } from './builder-options.js';

export type { BuilderOptions } from './builder-options.js';

/** Builds made again in a row because a record vanished while its body was read, before the build fails. */
const VANISHED_RETRIES = 3;

/**
 * Builds the feeds folder from the content folder, again and again in one process, by job: read the records,
 * plan the feeds, render the public feeds, reload and render the partners', write. Each job keeps what it
 * needs of the last build, so a run re-renders only feeds whose articles changed and writes only changed files.
 */
export class Builder {
  private readonly reader: ContentReader;
  private readonly writer: OutputWriter;
  private readonly siteFeeds: SiteFeedRenderer;
  private readonly pages: SitePages;
  private readonly partnerFeeds: PartnerFeedPublisher;
  private readonly published: PublishedRecord;
  private readonly steps = new BuildSteps(new LastGoodRecords());
  private readonly guards: GuardOptions;
  private readonly progress: ProgressListener;
  private readonly bodies: BodyPool;
  private inFlight: Promise<BuildReport> | undefined;
  private readonly cache: CacheSaving;

  constructor(
    private readonly contentDir: string,
    outDir: string,
    options: BuilderOptions = {},
  ) {
    this.published = new PublishedRecord(options.stateDir);
    this.guards = options.guards ?? DEFAULT_GUARDS;
    this.progress = options.progress ?? NO_PROGRESS;
    const finisher = new Finisher(options.validators);
    const { stateDir } = options;
    const version = options.version ?? courierVersion();
    const cache = stateDir ? { file: join(stateDir, PARSE_CACHE_FILE), version } : undefined;
    this.bodies = new BodyPool({ threads: options.threads });
    this.reader = new ContentReader(
      contentDir,
      cache,
      this.bodies.threads > 0 ? new RecordParser(contentDir) : undefined,
    );
    this.cache = new CacheSaving(() => this.reader.saveCache());
    const stamps = stateDir === undefined ? undefined : join(stateDir, FILE_STAMPS_FILE);
    this.writer = new OutputWriter(outDir, stamps, options.bytesOnDemand);
    const keys = stateDir && {
      file: join(stateDir, FEED_KEYS_FILE),
      archiveFile: join(stateDir, ARCHIVE_KEYS_FILE),
      version,
      partOf: this.reader.keyPartOf,
    };
    this.pages = new SitePages(finisher, stateDir ? { file: join(stateDir, PAGE_KEYS_FILE), version } : undefined);
    const { bodyOf, fileOf } = this.reader;
    const batch = { renderer: this.bodies, fileOf };
    // Bytes on demand: staging drops a feed's bytes, so its memory can be joined into again (scratch.ts).
    const scratch = options.bytesOnDemand ? new ScratchBuffers() : undefined;
    this.siteFeeds = new SiteFeedRenderer(bodyOf, finisher, options.hubs?.public, keys || undefined, batch, scratch);
    const { items, fragments } = this.siteFeeds;
    this.partnerFeeds = new PartnerFeedPublisher(
      contentDir,
      items,
      fragments,
      finisher,
      stateDir,
      options.hubs?.partner,
    );
  }

  private readonly stageArchive = (file: ArchiveFile): Promise<void> => this.writer.stageArchive(file);
  private readonly stageFile = (file: OutputFile): Promise<OutputFile> => this.writer.stageFile(file);

  /**
   * Builds as of `now` (epoch ms), looking at the records `changes` names (every one by default). A call while a
   * build runs joins that build instead of starting another; what it names is looked at by the next.
   */
  build(now: number, changes: ContentChanges = 'unknown'): Promise<BuildReport> {
    if (this.inFlight) this.reader.note(changes);
    this.inFlight ??= this.run(now, changes).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Notes what changed in the content folder for the next build (a build in progress has read it already). */
  note(changes: ContentChanges): void {
    this.reader.note(changes);
  }

  /**
   * Ends the worker threads, once the parse cache is saved; a build after this fails. Call when the process is
   * done building. Returns what went wrong saving the cache (warnings), which no report could say yet.
   */
  async close(): Promise<readonly Problem[]> {
    const late = await this.cache.said();
    await this.bodies.close();
    return late;
  }

  /** The files of the last build: remembered from this process, or read from the feeds folder once. */
  previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    return this.writer.previousFiles();
  }

  /** The archive files of the last build (after previousFiles): served from the feeds folder. */
  previousArchives(): ReadonlyMap<string, ArchiveFile> {
    return this.writer.previousArchives();
  }

  /** Validates every record without writing anything; `now` dates the warnings (a published date far ahead). */
  async check(now: number): Promise<{
    problems: readonly Problem[];
    records: number;
    articles: readonly Article[];
    partners: readonly Partner[];
  }> {
    const prepared = await this.prepare(now);
    if (!prepared.site) return { problems: prepared.problems, records: 0, articles: [], partners: [] };
    const partners = await loadPartners(this.contentDir);
    const problems = [...partners.problems, ...prepared.problems];
    const { articles } = prepared;
    return { problems, records: articles.length, articles, partners: partners.partners };
  }

  private prepare(now: number, changes: ContentChanges = 'unknown'): Promise<Prepared> {
    const { reader, published, steps, writer, guards, progress } = this;
    return prepareBuild({ reader, published, steps, writer, guards, progress }, now, changes);
  }

  /** A build, then the parse cache saved (cache-saving.ts); what went wrong saving the last one is said first. */
  private async run(now: number, changes: ContentChanges): Promise<BuildReport> {
    const late = await this.cache.said();
    try {
      const report = await this.runAgainIfARecordVanished(now, changes);
      return late.length === 0 ? report : { ...report, problems: [...late, ...report.problems] };
    } finally {
      this.cache.built();
    }
  }

  /**
   * A build, made again (up to VANISHED_RETRIES times) when a record's file was gone by the time its body was
   * read: nothing was committed, and the next look at that file leaves it out or, when the build looked at
   * every record, finds it under its new name. Each time is said as a warning naming the file.
   */
  private async runAgainIfARecordVanished(now: number, changes: ContentChanges): Promise<BuildReport> {
    const vanished: Problem[] = [];
    for (let looking = changes; ;) {
      try {
        const report = await this.runBuild(now, looking);
        return vanished.length === 0 ? report : { ...report, problems: [...vanished, ...report.problems] };
      } catch (error) {
        if (!(error instanceof RecordVanished) || vanished.length >= VANISHED_RETRIES) throw error;
        const message = 'expected the record to stay while the build read its body, found it gone: built again';
        vanished.push({ file: error.file, field: '(file)', message, severity: 'warning' });
        looking = looking === 'unknown' ? looking : [...looking, error.file];
      }
    }
  }

  private async runBuild(now: number, changes: ContentChanges): Promise<BuildReport> {
    const prepared = await this.prepare(now, changes);
    if (!prepared.site) return failedReport(prepared.problems);
    this.cache.rendering(prepared.parsed);
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
    const previousFiles = await this.writer.previousFiles();
    this.writer.begin();
    try {
      return await this.publish(now, prepared, summary, previousFiles);
    } catch (error) {
      await this.writer.abandon();
      throw error;
    }
  }

  private async publish(
    now: number,
    prepared: Prepared & { site: Site },
    summary: Summary,
    previousFiles: ReadonlyMap<string, OutputFile>,
  ): Promise<BuildReport> {
    const { progress } = this;
    const { site, articles, planned } = prepared;
    const { plans } = planned;
    const archived = { previous: this.writer.previousArchives(), write: this.stageArchive };
    const siteFeeds = await this.siteFeeds.render(site, plans, previousFiles, now, archived, progress, this.stageFile);
    const entries = this.steps.indexEntries(site, planned, siteFeeds.feeds);
    const pages = await this.pages.files(site, entries, previousFiles, now);
    const files = [...siteFeeds.files, ...pages.files];
    progress({ stage: 'partner feeds', done: 0, total: 1 });
    const partners = await this.partnerFeeds.publish(site, articles, now);
    progress({ stage: 'writing files', done: 0, total: files.length });
    const { written, removed } = await this.writer.write(files, siteFeeds.archives);
    await this.siteFeeds.saveKeys();
    await this.pages.saveKeys();
    await this.published.write(this.steps.index(articles, now, planned));
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
}
