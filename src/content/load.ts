import { join } from 'node:path';
import { isErrnoException } from '../lib/errors.js';
import { runSteps, runStepsInSlices } from '../lib/steps.js';
import { readRecordBody, RecordVanished, type CacheEntry } from './record-file.js';
import type { Article } from './types.js';
import type { Site } from './site.js';
import { folderOf, isRecordPath, listRecords, type RecordListing } from './record-list.js';
import { stampAt, type RecordSurvey } from './record-survey.js';
import { handOut, type RecordParsing } from './record-handout.js';
import { NotedChanges, type ContentChanges } from './noted-changes.js';
import { RecordReader, type LoadedContent, type LoadSteps, type Progress } from './record-reader.js';

export { ARTICLES_DIR } from './record-list.js';
export { MAX_ARTICLE_BYTES, RecordVanished, type CacheEntry } from './record-file.js';
export type { ContentChanges } from './noted-changes.js';
export type { RecordParsing } from './record-handout.js';

/**
 * Reads every record under <content>/articles. Records whose file is unchanged since the last call (same
 * size, mtime and inode) are taken from memory, so a run over an unchanged archive only lists and stats; told
 * which files changed, it looks at those alone, and told of none, gives back the last load's very records.
 */
export class ArticleLoader extends RecordReader {
  private cachedFor: Site | undefined;
  private last: LoadedContent | undefined;
  private readonly changes = new NotedChanges();
  /** A listing with each record's stamp, taken a moment ago, for the next look at every record. */
  private surveyed: RecordSurvey | undefined;

  /** `parser`: where a load with thousands of records to parse has a share of them parsed meanwhile. */
  constructor(
    contentDir: string,
    private readonly parser?: RecordParsing,
  ) {
    super(contentDir);
  }

  /**
   * Reads every record (or, told what changed, the records named); `progress` is told after each one how many
   * of how many are done.
   */
  load(site: Site, progress: Progress = () => undefined, changes: ContentChanges = 'unknown'): LoadedContent {
    return runSteps(this.steps(site, progress, changes, false));
  }

  /**
   * Like `load`, but gives the event loop a turn whenever it has worked `sliceMs` without one, so a server
   * that builds in its own thread keeps answering requests while 50,000 records are listed and checked.
   */
  loadInSlices(
    site: Site,
    progress: Progress,
    changes: ContentChanges = 'unknown',
    sliceMs = 5,
  ): Promise<LoadedContent> {
    return runStepsInSlices(this.steps(site, progress, changes, true), sliceMs);
  }

  /** The parsed records of the last load, by file, and the settings they were parsed with: for a cache on disk. */
  snapshot(): { readonly site: Site | undefined; readonly entries: ReadonlyMap<string, CacheEntry> } {
    return { site: this.cachedFor, entries: this.cache };
  }

  /** Starts from records parsed by an earlier process (a cache on disk made with these very settings). */
  seed(site: Site, entries: ReadonlyMap<string, CacheEntry>): void {
    this.cachedFor = site;
    this.cache = new Map(entries);
  }

  /**
   * The next look at every record starts from this survey (taken off this thread while it read the parse
   * cache) instead of listing and stating the files itself; a load that looks at some records drops it.
   */
  useSurvey(survey: RecordSurvey): void {
    this.surveyed = survey;
  }

  /** Notes what changed for the next load (a load in progress has already taken what it looks at). */
  note(changes: ContentChanges): void {
    this.changes.note(changes);
  }

  /** An article's Markdown body, read again from its file. */
  readBody(article: Article): string {
    try {
      return readRecordBody(join(this.contentDir, article.file));
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') throw new RecordVanished(article.file);
      throw error;
    }
  }

  /**
   * The work of one load, a record per step, so it can run at once or in slices: the files named, when every
   * one is a record the last load's walk would find, else every record.
   */
  private *steps(site: Site, progress: Progress, changes: ContentChanges, parallel: boolean): LoadSteps {
    this.changes.note(changes);
    const { turn, everyFile, named: noted } = this.changes.lookingAt();
    const { listing, last, surveyed } = this;
    this.surveyed = undefined;
    const named = noted.filter(isRecordPath);
    const inUnwalkedFolder = (file: string) => !this.cache.has(file) && !listing?.folders.has(folderOf(file));
    const partly = !everyFile && this.cachedFor === site && !named.some(inUnwalkedFolder);
    const loaded =
      partly && listing && last
        ? yield* this.lookAt(site, named, listing, last, progress)
        : yield* this.lookAtEvery(site, progress, parallel, surveyed);
    this.changes.looked(turn, !(partly && listing && last));
    this.last = loaded;
    return loaded;
  }

  private *lookAtEvery(site: Site, progress: Progress, parallel: boolean, surveyed?: RecordSurvey): LoadSteps {
    if (this.cachedFor !== site) this.cache = new Map();
    this.cachedFor = site;
    const listing = surveyed?.listing ?? listRecords(this.contentDir);
    yield;
    const uncached = (): string[] => listing.files.filter((file) => !this.cache.has(file));
    // Only a load in slices hands records out: listing those not in the cache is work the others do not need.
    const handed = parallel && this.parser ? handOut(this.parser, site, uncached()) : undefined;
    const stampOf = surveyed && ((index: number) => stampAt(surveyed, index));
    return yield* this.readListed(site, listing, () => false, progress, handed, stampOf);
  }

  /**
   * The last load's records, with the files named looked at again: read if changed or new, left out if gone.
   * A new file is taken only in a folder the last walk went through (where that walk would have found it).
   */
  private *lookAt(
    site: Site,
    named: readonly string[],
    listing: RecordListing,
    last: LoadedContent,
    progress: Progress,
  ): LoadSteps {
    if (named.length === 0) return { ...last, parsed: 0, changed: false };
    const known = new Set(listing.files);
    const added = named.filter((file) => !known.has(file));
    const files = added.length > 0 ? [...listing.files, ...added].sort() : listing.files;
    const looked = new Set(named);
    return yield* this.readListed(site, { files, folders: listing.folders }, (file) => !looked.has(file), progress);
  }
}
