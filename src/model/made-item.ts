import { summarize, type RenderedBody } from '../content/markdown.js';
import type { Article, Image } from '../content/types.js';
import type { FeedItem } from './types.js';
import { escapeHtml } from './html.js';

/** The pieces an item's HTML content is made of, for feeds that put them together differently. */
export interface ItemParts {
  readonly disclosureHtml: string;
  readonly figureHtml: string;
  readonly bodyHtml: string;
  /** The summary without the disclosure in front of it. */
  readonly summaryText: string;
}

/** A feed item with the pieces its HTML content was made of. */
export interface MadeItem {
  readonly item: FeedItem;
  readonly parts: ItemParts;
}

/** The item made from an article and its rendered body: the one place an item is built. */
export function toItem(article: Article, body: RenderedBody): MadeItem {
  const disclosure = disclosureOf(article);
  const summary = article.summary ?? summarize(body.text);
  const pieces = {
    disclosureHtml: disclosureHtml(disclosure),
    figureHtml: figureHtml(article.image),
    bodyHtml: body.html,
    summaryText: summary,
  };
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
  return { item, parts: pieces };
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
