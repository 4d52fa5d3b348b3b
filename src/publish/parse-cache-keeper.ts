import { stat } from 'node:fs/promises';
import { ArticleLoader, type RecordParsing } from '../content/load.js';
import type { RecordSurvey } from '../content/record-survey.js';
import { errorMessage } from '../lib/errors.js';
import { cacheKey, readParseCache, writeParseCache } from '../content/parse-cache.js';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';

/** Where parsed records are kept between processes, and what they were parsed by. */
export interface ParseCacheOptions {
  /** The cache file, in the state folder. */
  readonly file: string;
  /** Courier's version: a cache made by another version is not used. */
  readonly version: string;
  /** The size of cache from which the records are surveyed while it is read (default SURVEY_FROM_BYTES). */
  readonly surveyFrom?: number;
}

/**
 * A parse cache from which the records are surveyed while it is read: some 3,000 records. At 1,000 the thread
 * cost 30 ms more than it saved (0.49 → 0.53 s, a new process with nothing changed); at 10,000 it saves 0.1 s.
 */
const SURVEY_FROM_BYTES = 2 << 20;

/**
 * The loader and the parse cache it starts from in a new process: the cache is read once per site settings, with
 * the records surveyed meanwhile when it is large, and saved by saveCache. What ContentReader extends.
 */
export class ParseCacheKeeper {
  protected readonly loader: ArticleLoader;
  /** The settings the cache on disk was last read for or written with. */
  protected cachedSite: Site | undefined;
  /** The settings of records parsed and not saved yet. */
  protected unsaved: Site | undefined;

  constructor(
    contentDir: string,
    private readonly cache?: ParseCacheOptions,
    /**
     * Where a share of thousands of records to parse is parsed meanwhile, and every record is listed and stated
     * while the parse cache is read (content/record-pool.ts).
     */
    private readonly parser?: RecordParsing,
  ) {
    this.loader = new ArticleLoader(contentDir, parser);
  }

  /**
   * When a parse cache of thousands of records is about to be read (a new process, new settings), every record
   * is listed and stated meanwhile on a thread of its own: at 50,000 records, 0.6 s of stats beside 0.5 s of
   * reading the cache. With no cache (a cold build) or a small one, the thread would cost more than it saves.
   */
  protected async surveyWhileSeeding(site: Site): Promise<RecordSurvey | undefined> {
    const { cache, parser } = this;
    if (!cache || !parser?.survey || !this.willSeed(site)) return undefined;
    try {
      const { size } = await stat(cache.file);
      if (size < (cache.surveyFrom ?? SURVEY_FROM_BYTES)) return undefined;
    } catch {
      return undefined; // no cache, or one that cannot be read: seedFromDisk says so if it matters
    }
    return parser.survey();
  }

  private willSeed(site: Site): boolean {
    return this.cache !== undefined && this.cachedSite !== site && this.loader.snapshot().site !== site;
  }

  /** Once per site settings: the records an earlier process parsed with them, unless the cache is damaged. */
  protected async seedFromDisk(site: Site): Promise<Problem[]> {
    if (!this.cache || !this.willSeed(site)) return [];
    const found = await readParseCache(this.cache.file, cacheKey(this.cache.version, site));
    if (found.entries) {
      this.loader.seed(site, found.entries);
      this.cachedSite = site;
      return [];
    }
    if (found.damaged === undefined) return [];
    const message = `ignored the parse cache: ${found.damaged}; every record is parsed again and the cache rebuilt`;
    return [{ file: this.cache.file, field: '(parse cache)', message, severity: 'warning' }];
  }

  /**
   * Saves the records parsed since the last save for the next process, if any were: what a build does once its
   * feeds are out. A cache that cannot be written costs time only: said as a warning, never thrown.
   */
  async saveCache(): Promise<Problem[]> {
    const site = this.unsaved;
    this.unsaved = undefined;
    return site ? this.saveToDisk(site) : [];
  }

  private async saveToDisk(site: Site): Promise<Problem[]> {
    if (!this.cache) return [];
    try {
      await writeParseCache(this.cache.file, cacheKey(this.cache.version, site), this.loader.snapshot().entries);
      this.cachedSite = site;
      return [];
    } catch (error) {
      // Only the next process's speed depends on it: said as a warning, and the build goes on.
      const message = `could not save the parse cache (${errorMessage(error)}); the next process parses every record`;
      return [{ file: this.cache.file, field: '(parse cache)', message, severity: 'warning' }];
    }
  }
}
