import { SUMMARY_LIMIT, renderBody, summarize } from '../content/markdown.js';
import type { Article, Image } from '../content/types.js';
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

/** A feed item with the pieces its HTML content was made of. */
export interface MadeItem {
  readonly item: FeedItem;
  readonly parts: ItemParts;
}

/**
 * Makes feed items from articles, once per record version: the loader hands back the same Article object
 * while its file is unchanged, so the Markdown of an unchanged article is never rendered twice by one maker.
 */
export class ItemMaker {
  private readonly made = new WeakMap<Article, MadeItem>();

  constructor(private readonly bodyOf: BodyOf) {}

  /** The item and its parts. */
  make(article: Article): MadeItem {
    let made = this.made.get(article);
    if (!made) {
      made = toItem(article, this.bodyOf(article));
      this.made.set(article, made);
    }
    return made;
  }

  itemFor(article: Article): FeedItem {
    return this.make(article).item;
  }

  /** Makes the items of these articles now, so that make() finds them made. */
  async prepare(articles: readonly Article[]): Promise<void> {
    for (const article of articles) this.make(article);
    return Promise.resolve();
  }

  /** Lets go of an article's item (it is made again if asked for). */
  forget(article: Article): void {
    this.made.delete(article);
  }
}

function toItem(article: Article, markdown: string): MadeItem {
  const body = renderBody(markdown, article.url, article.summary === undefined ? SUMMARY_LIMIT : 0);
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
