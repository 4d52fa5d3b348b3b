import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/content/article.js';
import { articleBody } from '../../src/content/article.js';
import { renderBody } from '../../src/content/markdown.js';

/** What a reader must find of a record in any feed: taken from the record itself. */
export interface ExpectedItem {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  /** Epoch seconds. */
  readonly published: number;
  readonly updated: number | null;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly label: string | null;
  /** The start of the body's first paragraph as plain text: the content must contain it. */
  readonly text: string;
  readonly image: { readonly url: string; readonly credit: string | null; readonly caption: string | null } | null;
}

export function expectedItem(article: Article, contentDir: string): ExpectedItem {
  const body = articleBody(readFileSync(join(contentDir, article.file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const firstParagraph = renderBody(body, article.url).text.split('\n\n')[0] ?? '';
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    published: Math.floor(article.published / 1000),
    updated: article.updated === undefined ? null : Math.floor(article.updated / 1000),
    authors: article.authors.map((author) => author.name),
    categories: [...article.categories],
    tags: [...article.tags],
    label: article.label ?? null,
    text: Array.from(firstParagraph).slice(0, 60).join(''),
    image: article.image ? { url: article.image.url, credit: article.image.credit ?? null, caption: article.image.caption ?? article.image.alt ?? null } : null,
  };
}
