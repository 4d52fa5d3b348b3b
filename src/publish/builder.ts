import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import { planFeeds } from '../model/plan.js';
import type { FeedListing } from '../model/types.js';
import { loadPartners } from '../partners/registry.js';
import type { Partner } from '../partners/types.js';
import { ContentReader } from './content-reader.js';
import { Finisher, type OutputFile } from './output.js';
import { PartnerFeedPublisher, type PartnerBuild } from './partner-files.js';
import { SiteFeedRenderer } from './site-feeds.js';
import { OutputWriter } from './writer.js';

/** What a build publishes, whole: what the server serves from the moment it takes it. */
export interface Publication {
  /** The public files: feeds in every format and the OPML. */
  readonly files: readonly OutputFile[];
  /** Every public feed with its title, site feed first. */
  readonly feeds: readonly FeedListing[];
  readonly site: Pick<Site, 'title' | 'description'>;
  /** The partners in force (with their keys' hashes) and their feeds. */
  readonly partners: PartnerBuild;
}

/** How a build went, and what it published. */
export interface BuildReport {
  /** False when the site settings are unusable: nothing was built and the previous feeds stand. */
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  /** Valid records, in any status. */
  readonly records: number;
  /** Articles in the site feed's scope: published and out of embargo. */
  readonly publicArticles: number;
  readonly written: readonly string[];
  readonly removed: readonly string[];
  /** Records read and parsed anew, and feeds rendered anew, by this build: what its cost follows. */
  readonly parsed: number;
  readonly rendered: number;
  /**
   * Why nothing was published although the content was read: a publish guard held the build (too many
   * articles or a whole feed would go, the articles folder is missing or empty). The previous feeds stand.
   */
  readonly held?: string;
  /** Absent when nothing was built or a guard held the build. */
  readonly publication?: Publication;
}

/** How a Builder is set up beyond its two folders. */
export interface BuilderOptions {
  /** Where the last good partners are kept between runs (config.stateDir); in memory only when absent. */
  readonly stateDir?: string | undefined;
}

/**
 * Builds the feeds folder from the content folder, again and again in one process, by job: read the records,
 * plan the feeds, render the public feeds, reload and render the partners', write. Each job keeps what it
 * needs of the last build, so a run re-renders only feeds whose articles changed and writes only changed files.
 */
export class Builder {
  private readonly reader: ContentReader;
  private readonly writer: OutputWriter;
  private readonly siteFeeds: SiteFeedRenderer;
  private readonly partnerFeeds: PartnerFeedPublisher;
  private inFlight: Promise<BuildReport> | undefined;

  constructor(
    private readonly contentDir: string,
    outDir: string,
    options: BuilderOptions = {},
  ) {
    const finisher = new Finisher();
    this.reader = new ContentReader(contentDir);
    this.writer = new OutputWriter(outDir);
    this.siteFeeds = new SiteFeedRenderer(this.reader.bodyOf, finisher);
    const { items, fragments } = this.siteFeeds;
    this.partnerFeeds = new PartnerFeedPublisher(contentDir, items, fragments, finisher, options.stateDir);
  }

  /** Builds as of `now` (epoch ms). A call while a build runs joins that build instead of starting another. */
  build(now: number): Promise<BuildReport> {
    this.inFlight ??= this.run(now).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The files of the last build: remembered from this process, or read from the feeds folder once. */
  previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    return this.writer.previousFiles();
  }

  /** Validates every record without writing anything. */
  async check(): Promise<{
    problems: readonly Problem[];
    records: number;
    articles: readonly Article[];
    partners: readonly Partner[];
  }> {
    const content = await this.reader.read();
    if (!content.site) return { problems: content.problems, records: 0, articles: [], partners: [] };
    const partners = await loadPartners(this.contentDir);
    const problems = [...partners.problems, ...content.problems];
    return { problems, records: content.articles.length, articles: content.articles, partners: partners.partners };
  }

  private async run(now: number): Promise<BuildReport> {
    const content = await this.reader.read();
    if (!content.site) return failed(content.problems);
    const { site, articles } = content;
    const plans = planFeeds(articles, now, site.itemsPerFeed);
    const siteFeeds = await this.siteFeeds.render(site, plans, await this.writer.previousFiles(), now);
    const partners = await this.partnerFeeds.publish(site, articles, now);
    const { written, removed } = await this.writer.write(siteFeeds.files);
    return {
      ok: true,
      problems: [...this.writer.takeProblems(), ...partners.problems, ...content.problems],
      records: articles.length,
      publicArticles: articles.filter((a) => a.status === 'published' && a.published <= now).length,
      written,
      removed,
      parsed: content.parsed,
      rendered: siteFeeds.rendered,
      publication: {
        files: siteFeeds.files,
        feeds: siteFeeds.feeds,
        site: { title: site.title, description: site.description },
        partners: partners.built,
      },
    };
  }
}

function failed(problems: readonly Problem[]): BuildReport {
  return { ok: false, problems, records: 0, publicArticles: 0, written: [], removed: [], parsed: 0, rendered: 0 };
}
