import type { Problem } from '../content/problem.js';
import type { Article } from '../content/types.js';
import type { PublishedIndex } from './published-index.js';

/**
 * Records that were valid and then became invalid keep their last good version in every feed until their file
 * is fixed or removed: an editor's typo in a live story must not unpublish it. The last good version comes from
 * this process's memory, or else from the record of the last published build (which holds the whole record
 * of every article standing in a feed).
 */
export class LastGoodRecords {
  private byFile = new Map<string, Article>();

  keep(
    articles: readonly Article[],
    problems: readonly Problem[],
    published: PublishedIndex | undefined,
  ): { articles: readonly Article[]; kept: readonly Article[]; problems: readonly Problem[] } {
    const validFiles = new Set(articles.map((article) => article.file));
    const validIds = new Set(articles.map((article) => article.id));
    const stored = storedByFile(published);
    const kept: Article[] = [];
    for (const file of new Set(problems.map((problem) => problem.file))) {
      if (validFiles.has(file)) continue;
      const last = this.byFile.get(file) ?? stored.get(file);
      if (last && !validIds.has(last.id)) kept.push(last);
    }
    this.byFile = new Map([...articles, ...kept].map((article) => [article.file, article]));
    const notes = kept.map((article): Problem => ({
      file: article.file,
      field: '(record)',
      message: 'kept at its last good version in every feed until the record is fixed or removed',
      severity: 'warning',
    }));
    return { articles: kept.length > 0 ? [...articles, ...kept] : articles, kept, problems: [...problems, ...notes] };
  }
}

function storedByFile(published: PublishedIndex | undefined): Map<string, Article> {
  const byFile = new Map<string, Article>();
  for (const entry of published?.values() ?? []) if (entry.article) byFile.set(entry.file, entry.article);
  return byFile;
}
