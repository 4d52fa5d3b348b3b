import { isError, type Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { FeedListing } from '../model/types.js';
import type { ArchiveFile } from './archive-files.js';
import type { OutputFile } from './output.js';
import type { PartnerBuild } from './partner-files.js';

/** What a build publishes, whole: what the server serves from the moment it takes it. */
export interface Publication {
  /** The public files: feeds in every format and the OPML. */
  readonly files: readonly OutputFile[];
  /** The archive documents' files, served from the feeds folder (archive-files.ts). */
  readonly archives: readonly ArchiveFile[];
  /** Every public feed with its title, site feed first. */
  readonly feeds: readonly FeedListing[];
  readonly site: Pick<Site, 'title' | 'description' | 'feedsUrl' | 'redirects'>;
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
  /** Records whose file is invalid, published at their last good version. */
  readonly kept: readonly string[];
  /** When the next embargo ends (model/plan.ts `nextRelease`), epoch ms; absent when none waits. */
  readonly nextRelease?: number | undefined;
  /**
   * When the clock alone next changes a feed (model/plan.ts `nextChangeByClock`: a release, a kill notice or a
   * partner's age window ending), epoch ms; absent when nothing waits.
   */
  readonly nextChange?: number | undefined;
}

/** What a build did, in numbers: the fields of its log entry and the words of its summary. */
export interface BuildCounts {
  readonly records: number;
  readonly publicArticles: number;
  /**
   * Files the build publishes (feeds in every format, their archive documents, the OPML and the index page); 0
   * when nothing was built or it was held.
   */
  readonly files: number;
  readonly written: number;
  readonly removed: number;
  /** Errors: records left out or kept at their last good version. */
  readonly problems: number;
  readonly warnings: number;
  readonly parsed: number;
  readonly rendered: number;
}

export function buildCounts(report: BuildReport): BuildCounts {
  const problems = report.problems.filter(isError).length;
  return {
    records: report.records,
    publicArticles: report.publicArticles,
    files: (report.publication?.files.length ?? 0) + (report.publication?.archives.length ?? 0),
    written: report.written.length,
    removed: report.removed.length,
    problems,
    warnings: report.problems.length - problems,
    parsed: report.parsed,
    rendered: report.rendered,
  };
}

/** `5 public articles, 43 files, 0 written, 0 removed, 0 problems`. */
export function describeCounts(counts: BuildCounts): string {
  const { publicArticles, files, written, removed, problems } = counts;
  const changes = `${written} written, ${removed} removed`;
  return `${publicArticles} public articles, ${files} files, ${changes}, ${problems} problems`;
}

/** What every report of a build that read the content says. */
export type Summary = Pick<
  BuildReport,
  'ok' | 'records' | 'publicArticles' | 'parsed' | 'kept' | 'nextRelease' | 'nextChange'
>;

/** The report of a build that could not read the content (unusable site settings). */
export function failedReport(problems: readonly Problem[]): BuildReport {
  return {
    ok: false,
    problems,
    records: 0,
    publicArticles: 0,
    written: [],
    removed: [],
    parsed: 0,
    rendered: 0,
    kept: [],
  };
}
