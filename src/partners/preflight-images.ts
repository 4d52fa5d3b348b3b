import type { Article } from '../content/types.js';
import type { FeedItem } from '../model/types.js';
import { chooseImage, ratioOf, sideOf } from './images.js';
import type { Finding, Make } from './preflight-types.js';
import type { Profile } from './profiles.js';

/** An item's image against the profile: one it may receive at all, its size on the side measured, its ratio. */
export function imageFindings(article: Article, item: FeedItem, profile: Profile, make: Make): Finding[] {
  const { image: needed, imageSize, imageRatio } = profile.rules;
  if (!item.image) {
    const why = article.image ? 'its image is licensed for our site only' : 'no image';
    return needed ? [make('image', needed, true, null, `${why}; the partner asks for one`)] : [];
  }
  const choice = chooseImage(article, profile);
  if (!choice || choice.meets === true) return [];
  const image = choice.image;
  const sizes = 1 + (article.imageRenditions?.length ?? 0);
  const none = sizes > 1 ? `none of its ${sizes} sizes meets it` : 'it has no other size (image.renditions)';
  const findings: Finding[] = [];
  if (imageSize) {
    const side = sideOf(image, imageSize.limit.side);
    const text = `image ${imageSize.limit.side === 'width' ? 'width' : `${imageSize.limit.side} side`}`;
    if (side === undefined) {
      const given = `${text} not given in the record (image.width, image.height)`;
      const message = `${given}; the partner asks for ${imageSize.limit.min} px`;
      findings.push({ ...make('imageSize', imageSize, false, null, message), level: 'warn' });
    } else if (side < imageSize.limit.min)
      findings.push(
        make(
          'imageSize',
          imageSize,
          true,
          side,
          `${text} is ${side} px; the partner asks for ${imageSize.limit.min} px, and ${none}`,
        ),
      );
  }
  if (imageRatio) {
    const ratio = ratioOf(image);
    const { min, max } = imageRatio.limit;
    if (ratio !== undefined && (ratio < min || ratio > max)) {
      findings.push(
        make(
          'imageRatio',
          imageRatio,
          true,
          ratio,
          `image ratio is ${ratio}; the partner shows ${min} to ${max}, and ${none}`,
        ),
      );
    }
  }
  return findings;
}
