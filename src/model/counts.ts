import { slugify } from '../content/text.js';
import type { Article } from '../content/types.js';

/**
 * How many public articles each feed stands for, all of them (a feed holds the newest items_per_feed), by the
 * feed's folder as plan.ts names it: '' for the site feed, "categories/<slug>/", "authors/<slug>/". Two names
 * of one slug are one feed, and an article counts once in it.
 */
export function articleCounts(publicArticles: readonly Article[]): Map<string, number> {
  const counts = new Map<string, number>([['', publicArticles.length]]);
  for (const article of publicArticles) {
    const folders = new Set([
      ...article.categories.map((name) => folderOf('categories', name)),
      ...article.authors.map((author) => folderOf('authors', author.name)),
    ]);
    folders.delete(undefined);
    for (const folder of folders) if (folder !== undefined) counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  return counts;
}

function folderOf(group: string, name: string): string | undefined {
  const slug = slugify(name);
  return slug === '' ? undefined : `${group}/${slug}/`;
}
