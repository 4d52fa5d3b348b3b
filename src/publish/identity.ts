import type { Problem } from '../content/problem.js';
import type { Article } from '../content/types.js';
import type { PublishedIndex } from './published-index.js';

export const YEAR = 365 * 86_400_000;

/**
 * Warnings about ids and dates that would surprise readers: a published story that reappears under another id
 * (its file was renamed, and readers would see it twice), and a published date more than a year ahead (a typo
 * in the year would embargo a story for decades).
 */
export function identityWarnings(
  articles: readonly Article[],
  published: PublishedIndex | undefined,
  now: number,
): Problem[] {
  const warnings: Problem[] = [];
  const ids = new Set(articles.map((article) => article.id));
  const vanished = [...(published?.values() ?? [])].filter((entry) => !ids.has(entry.id));
  const byStory = new Map(vanished.map((entry) => [storyKey(entry.title, entry.published), entry]));
  for (const article of articles) {
    const before = byStory.size > 0 ? byStory.get(storyKey(article.title, article.published)) : undefined;
    if (before && !published?.has(article.id)) {
      const message =
        `this story was published as ${before.id} (${before.file}); now its id is ${article.id}, so readers ` +
        `would see it twice: add "id: ${before.id}" to keep the one they know`;
      warnings.push({ file: article.file, field: 'id', message, severity: 'warning' });
    }
    if (article.published > now + YEAR) {
      const when = new Date(article.published).toISOString();
      const message = `published is more than a year ahead (${when}): the story stays embargoed until then; a typo in the year?`;
      warnings.push({ file: article.file, field: 'published', message, severity: 'warning' });
    }
  }
  return warnings;
}

function storyKey(title: string, published: number): string {
  return `${published} ${title}`;
}
