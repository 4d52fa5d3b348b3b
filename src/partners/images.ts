import type { Article, Image } from '../content/types.js';
import type { ImageSide, Profile } from './profiles.js';

/** The image a partner receives, and whether it meets the partner's size and ratio. */
export interface ImageChoice {
  readonly image: Image;
  /** Whether its size and ratio meet the profile's rules; undefined when its size is not known. */
  readonly meets: boolean | undefined;
}

/** An image's size on the side a rule measures; undefined when the record does not say. */
export function sideOf(image: Pick<Image, 'width' | 'height'>, side: ImageSide): number | undefined {
  const { width, height } = image;
  if (side === 'width') return width;
  if (width === undefined || height === undefined) return undefined;
  return side === 'shortest' ? Math.min(width, height) : Math.max(width, height);
}

/** Width over height, rounded to two places as partners state their bounds; undefined when not known. */
export function ratioOf(image: Pick<Image, 'width' | 'height'>): number | undefined {
  const { width, height } = image;
  return width === undefined || height === undefined ? undefined : Math.round((width / height) * 100) / 100;
}

/** Whether an image's size and ratio meet the profile; undefined when a rule needs a size the record lacks. */
export function meetsProfile(image: Pick<Image, 'width' | 'height'>, profile: Profile): boolean | undefined {
  const { imageSize, imageRatio } = profile.rules;
  const size = imageSize ? sideOf(image, imageSize.limit.side) : 0;
  const ratio = imageRatio ? ratioOf(image) : 1;
  if (size === undefined || ratio === undefined) return undefined;
  const sizeOk = !imageSize || size >= imageSize.limit.min;
  const ratioOk = !imageRatio || (ratio >= imageRatio.limit.min && ratio <= imageRatio.limit.max);
  return sizeOk && ratioOk;
}

/**
 * The size of the article's image a partner receives: the lead image when it meets the profile's size and
 * ratio, else the smallest of its renditions that does, else the lead image (and the preflight warns). The
 * choice keeps the lead image's text, credit and rights. A profile without image rules gets the lead image.
 */
export function chooseImage(article: Article, profile: Profile): ImageChoice | undefined {
  const lead = article.image;
  if (!lead) return undefined;
  const { imageSize, imageRatio } = profile.rules;
  if (!imageSize && !imageRatio) return { image: lead, meets: true };

  const leadMeets = meetsProfile(lead, profile);
  if (leadMeets === true) return { image: lead, meets: true };
  const smallest = (article.imageRenditions ?? [])
    .filter((rendition) => meetsProfile(rendition, profile) === true)
    .sort((a, b) => a.width * a.height - b.width * b.height || (a.url < b.url ? -1 : 1))[0];
  if (!smallest) return { image: lead, meets: leadMeets };
  const { url, width, height, type } = smallest;
  return { image: { ...lead, url, width, height, type }, meets: true };
}
