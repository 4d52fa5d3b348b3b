import type { Article, Image } from '../content/types.js';
import type { FeedItem } from '../model/types.js';
import { escapeHtml } from '../model/html.js';
import type { ItemMaker } from '../model/item.js';
import type { MadeItem } from '../model/made-item.js';
import { chooseImage } from './images.js';
import type { Profile, ProfileId } from './profiles.js';
import type { Retracted } from './plan.js';
import { sanitizeForPartner } from './sanitize.js';

/**
 * Makes the items partners receive, once per record version and profile, from the site's items (which it
 * takes from `items`, so a body rendered for the public feeds is not rendered again for partners).
 */
export class PartnerItemMaker {
  private readonly made = new WeakMap<Article, Map<ProfileId, FeedItem>>();

  constructor(private readonly items: ItemMaker) {}

  itemFor(article: Article, profile: Profile): FeedItem {
    let byProfile = this.made.get(article);
    if (!byProfile) this.made.set(article, (byProfile = new Map<ProfileId, FeedItem>()));
    let item = byProfile.get(profile.id);
    if (!item) byProfile.set(profile.id, (item = toPartnerItem(article, this.items.make(article), profile)));
    return item;
  }
}

function toPartnerItem(article: Article, { item, parts }: MadeItem, profile: Profile): FeedItem {
  const imageAllowed = item.image !== undefined && item.image.syndication !== false;
  const { disclosureHtml, figureHtml, bodyHtml, summaryText } = parts;
  // An image kept from partners is kept in every size.
  const blocked = item.image && !imageAllowed ? [item.image, ...(article.imageRenditions ?? [])] : [];
  const body =
    profile.content === 'full'
      ? sanitizeForPartner(
          bodyHtml,
          profile.iframeHosts,
          blocked.map((image) => image.url),
        )
      : `<p>${escapeHtml(summaryText)}</p>\n<p><a href="${escapeHtml(item.url)}">Read the full article</a></p>\n`;
  const { image: _image, ...rest } = item;
  const chosen = imageAllowed ? chooseImage(article, profile)?.image : undefined;
  return {
    ...rest,
    ...(chosen && { image: chosen }),
    contentHtml: disclosureHtml + (chosen ? withImage(figureHtml, chosen) : '') + body,
    // A partner that reads only the published date learns of a correction through it.
    ...(profile.changedDate === 'published' && item.updated !== undefined && { published: item.updated }),
  };
}

/** The figure with the chosen size of its image in place of the lead image. */
function withImage(figureHtml: string, image: Image): string {
  const size = (image.width ? ` width="${image.width}"` : '') + (image.height ? ` height="${image.height}"` : '');
  return figureHtml.replace(
    /<img src="[^"]*"( alt="[^"]*")[^>]*>/,
    (_whole, alt: string) => `<img src="${escapeHtml(image.url)}"${alt}${size}>`,
  );
}

/** A kill notice: the article's id, title and link, its withdrawal time and public note. */
export function killNotice(article: Retracted, profile: Profile): FeedItem {
  const { retraction } = article;
  const published = profile.changedDate === 'published' ? retraction.at : article.published;
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    summary: retraction.note,
    contentHtml: `<p>${escapeHtml(retraction.note)}</p>`,
    published,
    updated: retraction.at,
    authors: article.authors,
    categories: article.categories,
    tags: article.tags,
    language: article.language,
    sponsored: article.sponsored,
    deleted: { at: retraction.at, note: retraction.note },
  };
}
