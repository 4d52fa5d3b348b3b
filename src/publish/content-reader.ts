import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTICLES_DIR, ArticleLoader, type ContentChanges, type RecordParsing } from '../content/load.js';
import type { RecordSurvey } from '../content/record-survey.js';
import { errorMessage, isErrnoException, withContext } from '../lib/errors.js';
import { cacheKey, readParseCache, writeParseCache } from '../content/parse-cache.js';
import type { Problem } from '../content/problem.js';
import { loadSite, type LoadedSite, type Site } from '../content/site.js';
import { stampOf } from './file-stamps.js';
import { NO_PROGRESS, type ProgressListener } from './progress.js';
import type { Article } from '../content/types.js';

/** What one read of the content folder found. */
export type ReadContent =
  | {
      readonly site: Site;
      readonly articles: readonly Article[];
      readonly problems: readonly Problem[];
      readonly parsed: number;
      /** Whether the articles folder is there and holds any record: what the publish guards ask first. */
      readonly articlesFolder: 'present' | 'missing' | 'empty';
    }
  | { readonly site?: undefined; readonly problems: readonly Problem[] };

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
 * Reads the site settings and the records, again and again: it keeps the last site settings while their text
 * is unchanged and the loader's parsed records while their files are, so an unchanged archive is only listed.
 * With a parse cache, a new process starts from the records the last one parsed (content/parse-cache.ts).
 */
export class ContentReader {
  private readonly loader: ArticleLoader;
  private readonly keyParts = new WeakMap<Article, string>();
  private lastSite: LoadedSite | undefined;
  /** The settings the cache on disk was last read for or written with. */
  private cachedSite: Site | undefined;
  /** The settings of records parsed and not saved yet. */
  private unsaved: Site | undefined;

  constructor(
    private readonly contentDir: string,
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
   * Reads the content folder; `progress` hears of each record read, `changes` says which records to look at
   * (content/load.ts). The parse cache is read, and saved only by saveCache.
   */
  async read(progress: ProgressListener = NO_PROGRESS, changes: ContentChanges = 'unknown'): Promise<ReadContent> {
    this.lastSite = await loadSite(this.contentDir, this.lastSite);
    const { site, problems } = this.lastSite;
    if (!site) return { problems };
    const surveying = this.surveyWhileSeeding(site);
    const cacheProblems = await this.seedFromDisk(site);
    const survey = await surveying;
    if (survey) this.loader.useSurvey(survey);
    const told = (done: number, total: number) => progress({ stage: 'reading records', done, total });
    const loaded = await this.loader.loadInSlices(site, told, changes);
    if (loaded.changed || this.cachedSite !== site) this.unsaved = site;
    return {
      site,
      ...loaded,
      // The very problems of the load when there are no others, so what is built from them can be kept.
      problems: cacheProblems.length === 0 ? loaded.problems : [...cacheProblems, ...loaded.problems],
      articlesFolder: await this.articlesFolder(loaded.articles.length + loaded.problems.length),
    };
  }

  /** Notes what changed in the content folder for the next read (see ArticleLoader.note). */
  note(changes: ContentChanges): void {
    this.loader.note(changes);
  }

  /**
   * When a parse cache of thousands of records is about to be read (a new process, new settings), every record
   * is listed and stated meanwhile on a thread of its own: at 50,000 records, 0.6 s of stats beside 0.5 s of
   * reading the cache. With no cache (a cold build) or a small one, the thread would cost more than it saves.
   */
  private async surveyWhileSeeding(site: Site): Promise<RecordSurvey | undefined> {
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
  private async seedFromDisk(site: Site): Promise<Problem[]> {
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

  private async articlesFolder(found: number): Promise<'present' | 'missing' | 'empty'> {
    if (found > 0) return 'present';
    try {
      await stat(join(this.contentDir, ARTICLES_DIR));
      return 'empty';
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return 'missing';
      throw withContext(`looking for ${join(this.contentDir, ARTICLES_DIR)}`, error);
    }
  }

  /**
   * What an article adds to the key of a feed or archive page (feed-keys.ts, archive-keys.ts). The very object
   * the loader parsed from its file follows from that file, the site settings and Courier's version, which the
   * keys hold too: its file and that file's size, mtime and inode say it whole (made once per object). Any
   * other (a last good version kept for a broken file) adds the stamp of the file its body is read from and its
   * record as JSON.
   */
  readonly keyPartOf = (article: Article): string => {
    let part = this.keyParts.get(article);
    if (part !== undefined) return part;
    const entry = this.loader.snapshot().entries.get(article.file);
    const stamp = entry ? stampOf(entry) : 'unknown';
    if (entry?.result.article !== article) return `${stamp}\n${JSON.stringify(article)}\n`;
    part = `${article.file}\n${stamp}\n`;
    this.keyParts.set(article, part);
    return part;
  };

  /** An article's Markdown body, read again from its file: records do not keep theirs. */
  readonly bodyOf = (article: Article): string => this.loader.readBody(article);

  /** An article's record file, which bodyOf reads: a body pool reads it there instead (content/body-pool.ts). */
  readonly fileOf = (article: Article): string => join(this.contentDir, article.file);
}
