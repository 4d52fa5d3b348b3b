import type { Problem } from '../content/problem.js';
import type { FeedListing } from '../model/types.js';
import type { ArchiveFile } from './archive-files.js';
import type { OutputFile } from './output.js';

/** Takes a file finished anew and gives back what stands for it from then on (OutputWriter.stageFile). */
export type FileSink = (file: OutputFile) => Promise<OutputFile>;

/** The public feeds of one build, finished (hashed, compressed), with the index's listing. */
export interface SiteFeeds {
  readonly files: readonly OutputFile[];
  /** Their archive documents' files, without bytes: those made anew were handed to the archive sink. */
  readonly archives: readonly ArchiveFile[];
  /** Every public feed with its title, site feed first. */
  readonly feeds: readonly FeedListing[];
  /** Feeds and archive pages rendered anew (not carried over from the last build): what a build's cost follows. */
  readonly rendered: number;
  /** What was wrong with the feed keys on disk, if anything. */
  readonly problems: readonly Problem[];
}
