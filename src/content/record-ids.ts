import type { ParsedArticle } from './article.js';
import type { Problem } from './problem.js';
import type { Article } from './types.js';

/** Two records with one id are both left out: neither can be trusted to be the one readers know. */
export function rejectDuplicateIds(results: readonly ParsedArticle[]): {
  articles: Article[];
  problems: Problem[];
} {
  const byId = new Map<string, Article>();
  const shared = new Map<string, Article[]>();
  const problems: Problem[] = [];
  for (const result of results) {
    // A valid article's problems are warnings: they are reported, and the article is published.
    for (const problem of result.problems) problems.push(problem);
    const { article } = result;
    if (!article) continue;
    const first = byId.get(article.id);
    if (first === undefined) byId.set(article.id, article);
    else shared.set(article.id, [...(shared.get(article.id) ?? [first]), article]);
  }
  const articles = shared.size === 0 ? [...byId.values()] : [...byId.values()].filter((a) => !shared.has(a.id));
  for (const [id, group] of shared) {
    for (const article of group) {
      const others = group
        .filter((other) => other !== article)
        .map((other) => other.file)
        .join(', ');
      const message = `expected an id of its own, found ${id}, also used by ${others}`;
      problems.push({ file: article.file, field: 'id', message });
    }
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { articles, problems };
}
