import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTICLES_DIR, type ContentChanges, type RecordParsing } from '../content/load.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import type { Problem } from '../content/problem.js';
import { loadSite, type LoadedSite, type Site } from '../content/site.js';
import { stampOf } from './file-stamps.js';
import { ParseCacheKeeper, type ParseCacheOptions } from './parse-cache-keeper.js';
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

/**
 * Reads the site settings and the records, again and again: it keeps the last site settings while their text
 * is unchanged and the loader's parsed records while their files are, so an unchanged archive is only listed.
 * With a parse cache, a new process starts from the records the last one parsed (content/parse-cache.ts).
 */
export class ContentReader extends ParseCacheKeeper {
  private readonly keyParts = new WeakMap<Article, string>();
  private lastSite: LoadedSite | undefined;

  constructor(
    private readonly contentDir: string,
    cache?: ParseCacheOptions,
    parser?: RecordParsing,
  ) {
    super(contentDir, cache, parser);
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
