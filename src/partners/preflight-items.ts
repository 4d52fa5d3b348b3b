import type { Article } from '../content/types.js';
import { parseUrl } from '../content/url.js';
import type { FeedItem } from '../model/types.js';
import { imageFindings } from './preflight-images.js';
import type { Finding, Make } from './preflight-types.js';
import type { Profile, ProfileRules } from './profiles.js';

const DAY = 86_400_000;
/** How close to a limit counts as close: a tenth of it, for titles at least 5 characters, for ages 30 days. */
const NEAR = 0.1;
const NEAR_TITLE = 5;
const NEAR_DAYS = 30;
const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?>/i;

/** Every rule one item the partner would receive breaks or is close to breaking. */
export function itemFindings(article: Article, item: FeedItem, profile: Profile, now: number): Finding[] {
  const findings: Finding[] = [];
  const { rules } = profile;
  const make: Make = (rule, spec, broken, found, message) => ({
    level: broken ? spec.severity : 'near',
    rule,
    file: article.file,
    id: article.id,
    message,
    found,
    limit: spec.limit,
    source: spec.source,
  });
  const add = (finding: Finding | undefined) => finding && findings.push(finding);
  add(titleLength(rules, item.title, make));
  if (rules.plainTitle && TAG.test(item.title)) {
    add(make('plainTitle', rules.plainTitle, true, item.title, 'title holds an HTML tag; the partner takes none'));
  }
  add(age(rules, article, now, make));
  add(itemBytes(rules, item, make));
  add(excerpt(rules, item, make));
  if (rules.authors && item.authors.length === 0) {
    add(make('authors', rules.authors, true, 0, 'no author (dc:creator)'));
  }
  findings.push(...imageFindings(article, item, profile, make));
  add(links(rules, item, make));
  return findings;
}

function titleLength(rules: ProfileRules, title: string, make: Make): Finding | undefined {
  const spec = rules.titleLength;
  if (!spec) return undefined;
  const length = Array.from(title).length;
  const { min, max } = spec.limit;
  const bounds = `${min} to ${max} characters`;
  if (length < min || length > max)
    return make('titleLength', spec, true, length, `title is ${length} characters; the partner takes ${bounds}`);
  if (length > max - Math.max(NEAR_TITLE, max * NEAR) || length < min + NEAR_TITLE) {
    return make(
      'titleLength',
      spec,
      false,
      length,
      `title is ${length} characters, close to the ${bounds} the partner takes`,
    );
  }
  return undefined;
}

function age(rules: ProfileRules, article: Article, now: number, make: Make): Finding | undefined {
  const spec = rules.maxAgeDays;
  if (!spec) return undefined;
  const days = Math.floor((now - article.published) / DAY);
  if (days < spec.limit - NEAR_DAYS) return undefined;
  const leaves = new Date(article.published + spec.limit * DAY).toISOString().replace(/\.000Z$/, 'Z');
  return make('maxAgeDays', spec, false, days, `published ${days} days ago; it leaves the partner's feed at ${leaves}`);
}

/** The bytes of an item's text as it goes in a feed: title, summary and content, UTF-8. */
export function itemBytesOf(item: FeedItem): number {
  return Buffer.byteLength(item.title) + Buffer.byteLength(item.summary) + Buffer.byteLength(item.contentHtml);
}

function itemBytes(rules: ProfileRules, item: FeedItem, make: Make): Finding | undefined {
  const spec = rules.maxItemBytes;
  if (!spec) return undefined;
  const bytes = itemBytesOf(item);
  if (bytes > spec.limit)
    return make(
      'maxItemBytes',
      spec,
      true,
      bytes,
      `the item is ${bytes} bytes; the partner reads at most ${spec.limit}`,
    );
  if (bytes > spec.limit * (1 - NEAR))
    return make('maxItemBytes', spec, false, bytes, `the item is ${bytes} bytes, close to the partner's ${spec.limit}`);
  return undefined;
}

function excerpt(rules: ProfileRules, item: FeedItem, make: Make): Finding | undefined {
  const spec = rules.minExcerpt;
  if (!spec) return undefined;
  const length = Array.from(item.summary).length;
  if (length < spec.limit)
    return make(
      'minExcerpt',
      spec,
      true,
      length,
      `the excerpt (summary) is ${length} characters; the partner asks for ${spec.limit} or more`,
    );
  if (length < spec.limit * (1 + NEAR))
    return make(
      'minExcerpt',
      spec,
      false,
      length,
      `the excerpt (summary) is ${length} characters, close to the partner's ${spec.limit}`,
    );
  return undefined;
}

function links(rules: ProfileRules, item: FeedItem, make: Make): Finding | undefined {
  const spec = rules.httpsLinks;
  if (!spec) return undefined;
  const bad = [item.url, item.image?.url].find((url) => url !== undefined && !isCleanHttps(url));
  return bad === undefined
    ? undefined
    : make('httpsLinks', spec, true, bad, `${bad} is not an https link without credentials`);
}

/** Whether a URL is https with no user name or password in it. */
export function isCleanHttps(text: string): boolean {
  const url = parseUrl(text);
  return url?.protocol === 'https:' && url.username === '' && url.password === '';
}
