import type { ParsedArticle } from './article.js';
import type { Steps } from '../lib/steps.js';
import { rejectDuplicateIds } from './record-ids.js';
import {
  readRecordEntry,
  sameFile,
  sameStamp,
  vanishedMeanwhile,
  type CacheEntry,
  type FileStamp,
} from './record-file.js';
import type { Article } from './types.js';
import type { Problem } from './problem.js';
import type { Site } from './site.js';
import type { RecordListing } from './record-list.js';
import type { Handed } from './record-handout.js';

export interface LoadedContent {
  readonly articles: readonly Article[];
  /** The errors of records left out, and the warnings of records published all the same. */
  readonly problems: readonly Problem[];
  /** How many records were read and parsed anew, rather than taken from the cache. */
  readonly parsed: number;
  /** Whether the parsed records differ from the last load's (one parsed anew, or one gone). */
  readonly changed: boolean;
}

export type Progress = (done: number, total: number) => void;
/** A load, a record per step; a step that waits for the parser yields what to wait for. */
export type LoadSteps = Steps<LoadedContent>;

/**
 * The records of the last load, by file, and how a listing of records is read through them: what ArticleLoader
 * (load.ts) builds each load on.
 */
export class RecordReader {
  protected cache = new Map<string, CacheEntry>();
  protected listing: RecordListing | undefined;

  constructor(protected readonly contentDir: string) {}

  /**
   * Reads the records listed: those `asCached` names are from the cache as they are, the others from the cache
   * while their file is unchanged, else from their file. The cache and the listing then hold exactly those.
   */
  protected *readListed(
    site: Site,
    listing: RecordListing,
    asCached: (file: string) => boolean,
    progress: Progress,
    handed?: Handed,
    /** The stamp a survey took of the `index`th file listed, if one did. */
    stampOf?: (index: number) => FileStamp | undefined,
  ): LoadSteps {
    const next = new Map<string, CacheEntry>();
    const results: ParsedArticle[] = [];
    let parsed = 0;
    const { files } = listing;
    for (const [index, file] of files.entries()) {
      progress(index, files.length);
      if (handed?.files.has(file) && !handed.parsed) yield handed.ready;
      const given = handed?.parsed?.get(file);
      const kept = asCached(file) ? this.cache.get(file) : undefined;
      const found =
        given === 'vanished'
          ? given
          : given
            ? { entry: given, parsed: true }
            : kept
              ? { entry: kept, parsed: false }
              : this.current(site, file, stampOf?.(index));
      if (found === 'vanished') continue;
      if (found.parsed) parsed += 1;
      next.set(file, found.entry);
      results.push(found.entry.result);
      if (!kept) yield;
    }
    progress(files.length, files.length);
    const changed = parsed > 0 || next.size !== this.cache.size;
    this.cache = next;
    this.listing = {
      files: files.length === next.size ? files : files.filter((f) => next.has(f)),
      folders: listing.folders,
    };
    return { ...rejectDuplicateIds(results), parsed, changed };
  }

  /**
   * A record from the cache while its file is unchanged (by its stamp, when a survey took it), else read and
   * parsed; 'vanished' if it is gone.
   */
  private current(site: Site, file: string, stamp?: FileStamp): { entry: CacheEntry; parsed: boolean } | 'vanished' {
    // The listing's paths are clean and '/'-separated: joined as strings, not normalised 10,000 times.
    const path = `${this.contentDir}/${file}`;
    const cached = this.cache.get(file);
    const unchanged = (known: CacheEntry) => (stamp ? sameStamp(stamp, known) : sameFile(path, known));
    const entry = vanishedMeanwhile(() => (cached && unchanged(cached) ? cached : undefined));
    if (entry === 'vanished') return entry;
    if (entry) return { entry, parsed: false };
    const read = readRecordEntry(this.contentDir, file, site);
    return read === 'vanished' ? read : { entry: read, parsed: true };
  }
}
