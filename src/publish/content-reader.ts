import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTICLES_DIR, ArticleLoader } from '../content/load.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import type { Problem } from '../content/problem.js';
import { loadSite, type LoadedSite, type Site } from '../content/site.js';
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
 */
export class ContentReader {
  private readonly loader: ArticleLoader;
  private lastSite: LoadedSite | undefined;

  constructor(private readonly contentDir: string) {
    this.loader = new ArticleLoader(contentDir);
  }

  /** Reads the content folder; `progress` hears of each record read. */
  async read(progress: ProgressListener = NO_PROGRESS): Promise<ReadContent> {
    this.lastSite = await loadSite(this.contentDir, this.lastSite);
    const { site, problems } = this.lastSite;
    if (!site) return { problems };
    const loaded = this.loader.load(site, (done, total) => progress({ stage: 'reading records', done, total }));
    return {
      site,
      ...loaded,
      articlesFolder: await this.articlesFolder(loaded.articles.length + loaded.problems.length),
    };
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

  /** An article's Markdown body, read again from its file: records do not keep theirs. */
  readonly bodyOf = (article: Article): string => this.loader.readBody(article);
}
