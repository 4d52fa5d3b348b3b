import { SOURCES, type RuleSource } from './sources.js';

/**
 * A partner's rule: its limit, how the partner treats what breaks it, and the page that says so. `reject`: the
 * partner does not ingest (or feature) what breaks it, so `courier check --partner` fails; `warn`: the partner
 * recommends it, and an article that breaks it still goes.
 */
export interface Rule<T> {
  readonly limit: T;
  readonly severity: 'reject' | 'warn';
  readonly source: RuleSource;
}

/** Which side of an image a minimum measures. */
export type ImageSide = 'width' | 'shortest' | 'longest';

/** What a partner asks of items, feeds and images; each rule absent where its spec says nothing. */
export interface ProfileRules {
  /** Title length in characters, both ends included. */
  readonly titleLength?: Rule<{ readonly min: number; readonly max: number }>;
  /** No HTML tags in titles. */
  readonly plainTitle?: Rule<true>;
  /** Days after its published date an article stops going to the partner (the partner would not ingest it). */
  readonly maxAgeDays?: Rule<number>;
  /** Bytes one item takes in a feed. */
  readonly maxItemBytes?: Rule<number>;
  /** Bytes a feed file takes; feeds are cut to the profile's `maxBytes`, which this rule sets. */
  readonly maxFeedBytes?: Rule<number>;
  /** New items the partner reads per fetch, and how often it fetches. */
  readonly newPerFetch?: Rule<{ readonly items: number; readonly minutes: number }>;
  /** Items a feed needs at least. */
  readonly minItems?: Rule<number>;
  /** Characters an item's summary (RSS description) needs at least. */
  readonly minExcerpt?: Rule<number>;
  /** Every item names its authors (RSS dc:creator). */
  readonly authors?: Rule<true>;
  /** Every item has an image a partner may receive. */
  readonly image?: Rule<true>;
  /** An image's smallest acceptable size, on one side. */
  readonly imageSize?: Rule<{ readonly side: ImageSide; readonly min: number }>;
  /** An image's width divided by its height, both ends included. */
  readonly imageRatio?: Rule<{ readonly min: number; readonly max: number }>;
  /** Links and images on https only, and no user name or password in them. */
  readonly httpsLinks?: Rule<true>;
}

/** What a partner receives. The rules follow each partner's published spec (docs/partners.md cites each one). */
export interface Profile {
  readonly id: ProfileId;
  /** At most this many items (kill notices not counted). */
  readonly itemsPerFeed: number;
  /** At most this many bytes a feed, reached by dropping the oldest items, never by cutting one. */
  readonly maxBytes: number;
  /** Full text, or the summary and a link. */
  readonly content: 'full' | 'summary';
  /** Hosts whose iframes (video players, maps) survive the sanitizer; every other iframe goes. */
  readonly iframeHosts: readonly string[];
  /**
   * Which date the partner reads as "changed" for an id it has: 'updated' partners read the modified date, which
   * we send; 'published' partners read only pubDate, so a corrected article is sent with its correction date there.
   */
  readonly changedDate: 'updated' | 'published';
  readonly changedDateSource?: RuleSource;
  /** Leave out sponsored articles and articles with these labels. */
  readonly excludeSponsored: boolean;
  readonly excludeLabels: readonly string[];
  readonly rules: ProfileRules;
  /** Whether the partner's spec asks for WebSub (PubSubHubbub) push, and where it says so. */
  readonly websub: { readonly asks: boolean; readonly source?: RuleSource };
}

export const PROFILE_IDS = ['full-text', 'summary-only', 'msn', 'google-news', 'flipboard'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

const VIDEO_HOSTS = ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];
const MEGABYTE = 1024 * 1024;
const S = SOURCES;

const BASE: Omit<Profile, 'id'> = {
  itemsPerFeed: 50,
  maxBytes: 5 * MEGABYTE,
  content: 'full',
  iframeHosts: VIDEO_HOSTS,
  changedDate: 'updated',
  excludeSponsored: false,
  excludeLabels: [],
  rules: {},
  websub: { asks: false },
};

const MSN: Profile = {
  ...BASE,
  id: 'msn',
  // "less than 30 fresh items at all times", and at most 10 MB a feed: our 20 items and 5 MB are inside both.
  itemsPerFeed: 20,
  changedDateSource: S.msnUpdated,
  excludeSponsored: true,
  rules: {
    titleLength: { limit: { min: 21, max: 150 }, severity: 'reject', source: S.msnTitle },
    plainTitle: { limit: true, severity: 'reject', source: S.msnTitle },
    maxAgeDays: { limit: 365, severity: 'reject', source: S.msnPublished },
    maxFeedBytes: { limit: 10 * MEGABYTE, severity: 'reject', source: S.msnFeedSize },
    image: { limit: true, severity: 'warn', source: S.msnAutoPublish },
    imageSize: { limit: { side: 'longest', min: 720 }, severity: 'warn', source: S.msnImages },
    imageRatio: { limit: { min: 0.5, max: 1.89 }, severity: 'warn', source: S.msnImages },
    httpsLinks: { limit: true, severity: 'reject', source: S.msnLinks },
  },
};

const GOOGLE_NEWS: Profile = {
  ...BASE,
  id: 'google-news',
  itemsPerFeed: 100,
  maxBytes: 2 * MEGABYTE,
  changedDate: 'published',
  changedDateSource: S.googleUpdates,
  rules: {
    maxItemBytes: { limit: MEGABYTE, severity: 'reject', source: S.googleSize },
    maxFeedBytes: { limit: 2 * MEGABYTE, severity: 'reject', source: S.googleSize },
    newPerFetch: { limit: { items: 60, minutes: 30 }, severity: 'warn', source: S.googleSize },
    imageSize: { limit: { side: 'shortest', min: 800 }, severity: 'warn', source: S.googleImages },
  },
  websub: { asks: true, source: S.googleSize },
};

const FLIPBOARD: Profile = {
  ...BASE,
  id: 'flipboard',
  rules: {
    minItems: { limit: 30, severity: 'reject', source: S.flipboardRequired },
    image: { limit: true, severity: 'reject', source: S.flipboardRequired },
    imageSize: { limit: { side: 'shortest', min: 400 }, severity: 'reject', source: S.flipboardRequired },
    minExcerpt: { limit: 300, severity: 'warn', source: S.flipboardItem },
    authors: { limit: true, severity: 'warn', source: S.flipboardItem },
  },
  websub: { asks: true, source: S.flipboardPush },
};

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  'full-text': { ...BASE, id: 'full-text' },
  'summary-only': { ...BASE, id: 'summary-only', content: 'summary', iframeHosts: [] },
  msn: MSN,
  'google-news': GOOGLE_NEWS,
  flipboard: FLIPBOARD,
};
