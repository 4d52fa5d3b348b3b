import type { Article } from '../content/types.js';
import type { Problem } from '../content/problem.js';
import { isReleased } from '../model/plan.js';
import { mayReceive, type PartnerRights } from './plan.js';
import type { Profile } from './profiles.js';

/**
 * Where an article a partner will receive falls short of its profile: titles it may cut, images it may
 * refuse. Warnings, for an editor to act on; nothing is ever truncated.
 */
export function partnerWarnings(
  articles: readonly Article[],
  partner: PartnerRights,
  profile: Profile,
  now: number,
): Problem[] {
  const warnings: Problem[] = [];
  const sent = articles.filter(
    (article) => article.status === 'published' && isReleased(article, now) && mayReceive(article, partner, profile),
  );
  for (const article of sent) {
    const titleLength = Array.from(article.title).length;
    if (profile.maxTitleLength !== undefined && titleLength > profile.maxTitleLength) {
      warnings.push({
        file: article.file,
        field: 'title',
        message: `${partner.id} (${profile.id}) shows at most ${profile.maxTitleLength} characters, found ${titleLength}`,
      });
    }
    const image = article.image;
    if (profile.minImageWidth === undefined || !image || image.syndication === false) continue;
    if (image.width === undefined || image.width < profile.minImageWidth) {
      const found = image.width === undefined ? 'no width' : `${image.width} px`;
      warnings.push({
        file: article.file,
        field: 'image.width',
        message: `${partner.id} (${profile.id}) wants images at least ${profile.minImageWidth} px wide, found ${found}`,
      });
    }
  }
  return warnings;
}
