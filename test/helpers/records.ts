import { ArticleLoader } from '../../src/content/load.js';
import { parseSite } from '../../src/content/site.js';
import type { Article } from '../../src/content/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The records of a content folder, by id, loaded the way the build loads them. */
export function recordsById(contentDir: string): Map<string, Article> {
  const { site } = parseSite(readFileSync(join(contentDir, 'site.yaml'), 'utf8'), 'site.yaml');
  if (!site) throw new Error('invalid site.yaml');
  return new Map(new ArticleLoader(contentDir).load(site).articles.map((article) => [article.id, article]));
}

/** Reads an article's body from its file, as the build does. */
export function bodyReader(contentDir: string): (article: Article) => string {
  const loader = new ArticleLoader(contentDir);
  return (article) => loader.readBody(article);
}
