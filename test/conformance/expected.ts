import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../../src/content/types.js';
import { articleBody } from '../../src/content/article.js';
import { renderBody } from '../../src/content/markdown.js';
import type { Profile } from '../../src/partners/profiles.js';
import type { BuiltFeed } from './built-feeds.js';

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
  /** A kill notice: readers are expected to show only its id, title, link and authors. */
  readonly killed: boolean;
}

/**
 * The items a built feed must show a reader, in order: for a partner feed, its kill notices first (in every
 * format an item under the article's id, by its authors), shaped by the profile.
 */
export function expectedItems(feed: BuiltFeed): ExpectedItem[] {
  const items = (feed.articles ?? []).map((article) => expectedItem(article, feed.contentDir, feed.partner));
  const kills = (feed.killed ?? []).map((article) => ({ ...expectedItem(article, feed.contentDir), killed: true }));
  return [...kills, ...items];
}

export function expectedItem(article: Article, contentDir: string, profile?: Profile): ExpectedItem {
  const body = articleBody(
    readFileSync(join(contentDir, article.file), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n'),
  );
  const firstParagraph = renderBody(body, article.url).text.split('\n\n')[0] ?? '';
  const shown = profile?.content === 'summary' ? (article.summary ?? firstParagraph) : firstParagraph;
  const image = article.image && !(profile && article.image.syndication === false) ? article.image : undefined;
  const corrected = profile?.changedDate === 'published' && article.updated !== undefined;
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    published: Math.floor((corrected ? article.updated : article.published) / 1000),
    updated: article.updated === undefined ? null : Math.floor(article.updated / 1000),
    authors: article.authors.map((author) => author.name),
    categories: [...article.categories],
    tags: [...article.tags],
    label: article.label ?? null,
    // The start of the first paragraph: long enough to identify it, short enough to end before any markup a
    // partner's sanitizer removes.
    text: Array.from(shown).slice(0, 25).join(''),
    image: image ? { url: image.url, credit: image.credit ?? null, caption: image.caption ?? image.alt ?? null } : null,
    killed: false,
  };
}
