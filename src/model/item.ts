import type { Article } from '../content/types.js';
import { SUMMARY_LIMIT, renderBody, summarize } from '../content/markdown.js';
import type { Image } from '../content/types.js';
import type { FeedItem } from './types.js';
import { escapeHtml } from './html.js';

/** Where an article's Markdown body comes from: records do not keep theirs. */
export type BodyOf = (article: Article) => string;

/** The pieces an item's HTML content is made of, for feeds that put them together differently. */
export interface ItemParts {
  readonly disclosureHtml: string;
  readonly figureHtml: string;
  readonly bodyHtml: string;
  /** The summary without the disclosure in front of it. */
  readonly summaryText: string;
}

const items = new WeakMap<Article, FeedItem>();
const parts = new WeakMap<FeedItem, ItemParts>();

export function partsOf(item: FeedItem): ItemParts {
  const found = parts.get(item);
  if (!found) throw new Error(`no parts recorded for ${item.id}`);
  return found;
}

/**
 * The feed item for an article, made once per record version: the loader hands back the same Article
 * object while its file is unchanged, so the Markdown of an unchanged article is never rendered twice.
 */
export function itemFor(article: Article, bodyOf: BodyOf): FeedItem {
  let item = items.get(article);
  if (!item) {
    item = toItem(article, bodyOf(article));
    items.set(article, item);
  }
  return item;
}

function toItem(article: Article, markdown: string): FeedItem {
  const body = renderBody(markdown, article.url, article.summary === undefined ? SUMMARY_LIMIT : 0);
  const disclosure = disclosureOf(article);
  const summary = article.summary ?? summarize(body.text);
  const pieces = { disclosureHtml: disclosureHtml(disclosure), figureHtml: figureHtml(article.image), bodyHtml: body.html, summaryText: summary };
  const item: FeedItem = {
    id: article.id,
    url: article.url,
    title: article.title,
    summary: disclosure ? `${disclosure}: ${summary}` : summary,
    contentHtml: pieces.disclosureHtml + pieces.figureHtml + pieces.bodyHtml,
    published: article.published,
    ...(article.updated !== undefined && { updated: article.updated }),
    authors: article.authors,
    categories: article.categories,
    tags: article.tags,
    language: article.language,
    ...(article.image && { image: article.image }),
    ...(article.label !== undefined && { label: article.label }),
    sponsored: article.sponsored,
  };
  parts.set(item, pieces);
  return item;
}

/** What readers are told before the article: "Sponsored", the label, or both. */
function disclosureOf(article: Article): string | undefined {
  const parts = [article.sponsored ? 'Sponsored' : undefined, article.label].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function disclosureHtml(disclosure: string | undefined): string {
  return disclosure ? `<p><strong>${escapeHtml(disclosure)}</strong></p>\n` : '';
}

function figureHtml(image: Image | undefined): string {
  if (!image) return '';
  const size = (image.width ? ` width="${image.width}"` : '') + (image.height ? ` height="${image.height}"` : '');
  const caption = [image.caption, image.credit && `Photo: ${image.credit}`, image.copyright].filter(Boolean).join(' ');
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}"${size}>${figcaption}</figure>\n`;
}
