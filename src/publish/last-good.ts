import { isError, type Problem } from '../content/problem.js';
import type { Article } from '../content/types.js';
import type { PublishedIndex } from './published-index.js';

/**
 * Records that were valid and then became invalid keep their last good version in every feed until their file
 * is fixed or removed: an editor's typo in a live story must not unpublish it. The last good version comes from
 * this process's memory, or else from the record of the last published build (which holds the whole record
 * of every article standing in a feed).
 */
export class LastGoodRecords {
  /** The records of the last build, kept ones included; looked up by file only when a record breaks. */
  private last: readonly Article[] = [];

  keep(
    articles: readonly Article[],
    problems: readonly Problem[],
    published: PublishedIndex | undefined,
  ): { articles: readonly Article[]; kept: readonly Article[]; problems: readonly Problem[] } {
    // Warnings go with records that are published all the same: only an error can mean a record left out.
    const errors = problems.filter(isError);
    const kept = errors.length === 0 ? [] : this.lastGoodOf(articles, errors, published);
    this.last = kept.length > 0 ? [...articles, ...kept] : articles;
    const notes = kept.map((article): Problem => ({
      file: article.file,
      field: '(record)',
      message: 'kept at its last good version in every feed until the record is fixed or removed',
      severity: 'warning',
    }));
    return { articles: this.last, kept, problems: notes.length > 0 ? [...problems, ...notes] : problems };
  }

  /** The last good version of each record that has an error and no valid version now, if one is known. */
  private lastGoodOf(
    articles: readonly Article[],
    problems: readonly Problem[],
    published: PublishedIndex | undefined,
  ): Article[] {
    const validFiles = new Set(articles.map((article) => article.file));
    const broken = [...new Set(problems.map((problem) => problem.file))].filter((file) => !validFiles.has(file));
    if (broken.length === 0) return [];
    const validIds = new Set(articles.map((article) => article.id));
    const stored = storedByFile(published);
    const byFile = new Map(this.last.map((article) => [article.file, article]));
    const kept: Article[] = [];
    for (const file of broken) {
      const last = byFile.get(file) ?? stored.get(file);
      if (last && !validIds.has(last.id)) kept.push(last);
    }
    return kept;
  }
}

function storedByFile(published: PublishedIndex | undefined): Map<string, Article> {
  const byFile = new Map<string, Article>();
  for (const entry of published?.values() ?? []) if (entry.article) byFile.set(entry.file, entry.article);
  return byFile;
}
