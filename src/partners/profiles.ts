/**
 * What a partner receives. The numbers follow each aggregator's published guidance for publishers as we
 * know it (see docs/partners.md); `courier check --partner` reports where an article falls short.
 */
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
   * Which date the partner reads as "changed": 'updated' partners read the modified date, which we send;
   * 'published' partners read only pubDate, so a corrected article is sent with its correction date there.
   */
  readonly changedDate: 'updated' | 'published';
  /** Warnings from `courier check --partner`, never truncation. */
  readonly maxTitleLength?: number;
  readonly minImageWidth?: number;
  /** Leave out sponsored articles and articles with these labels. */
  readonly excludeSponsored: boolean;
  readonly excludeLabels: readonly string[];
}

export const PROFILE_IDS = ['full-text', 'summary-only', 'msn', 'google-news', 'flipboard'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

const VIDEO_HOSTS = ['www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com'];
const MEGABYTE = 1024 * 1024;

const BASE: Omit<Profile, 'id'> = {
  itemsPerFeed: 50,
  maxBytes: 5 * MEGABYTE,
  content: 'full',
  iframeHosts: VIDEO_HOSTS,
  changedDate: 'updated',
  excludeSponsored: false,
  excludeLabels: [],
};

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  'full-text': { ...BASE, id: 'full-text' },
  'summary-only': { ...BASE, id: 'summary-only', content: 'summary', iframeHosts: [] },
  msn: { ...BASE, id: 'msn', itemsPerFeed: 20, maxTitleLength: 100, minImageWidth: 1000, excludeSponsored: true },
  'google-news': {
    ...BASE,
    id: 'google-news',
    itemsPerFeed: 100,
    maxBytes: 2 * MEGABYTE,
    changedDate: 'published',
    maxTitleLength: 110,
    minImageWidth: 800,
  },
  flipboard: { ...BASE, id: 'flipboard', maxTitleLength: 120, minImageWidth: 400 },
};
