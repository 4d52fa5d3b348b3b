/** Where a rule of a partner profile comes from: the partner's own page, and the section that says it. */
export interface RuleSource {
  readonly title: string;
  readonly url: string;
  readonly section: string;
}

const source = (title: string, url: string, section: string): RuleSource => ({ title, url, section });

const MSN_ITEMS_URL =
  'https://support.microsoft.com/en-us/topic/msn-feed-item-metadata-requirements-0114c19c-36bb-4fef-8322-4a1ed6888329';
const MSN_SPECS_URL = 'https://helpcenter.microsoftstart.com/kb/articles/25-feed-content-specifications';
const MSN_SETUP_URL =
  'https://support.microsoft.com/en-us/topic/msn-feed-setup-and-configuration-16ea6c2b-d51c-48a5-9ba4-4c3f8ed76c97';
const GOOGLE_FEED_URL = 'https://support.google.com/news/publisher-center/answer/9545420';
const GOOGLE_GUIDELINES_URL = 'https://support.google.com/news/producer/answer/4304250';
const FLIPBOARD_URL = 'https://about.flipboard.com/rss-spec/';

/**
 * The published rules each profile follows, as read in November 2026 (docs/partners.md quotes them). A rule
 * whose page could not be found names the issue that stated it instead.
 */
export const SOURCES = {
  msnTitle: source('MSN feed item metadata requirements', MSN_ITEMS_URL, 'Articles: Title'),
  msnPublished: source('MSN feed item metadata requirements', MSN_ITEMS_URL, 'Articles: Published date'),
  msnUpdated: source('MSN feed item metadata requirements', MSN_ITEMS_URL, 'Articles: Updated date'),
  msnImages: source('Microsoft Start Feed Content Specifications', MSN_SPECS_URL, 'Images: Image Size'),
  msnAutoPublish: source('Microsoft Start Feed Content Specifications', MSN_SPECS_URL, 'Articles'),
  msnLinks: source('Microsoft Start Feed Content Specifications', MSN_SPECS_URL, '(introduction)'),
  msnFeedSize: source('MSN feed setup and configuration', MSN_SETUP_URL, 'Feed size limits and error handling'),
  msnAuth: source('MSN feed setup and configuration', MSN_SETUP_URL, 'Authentication options'),
  googleSize: source('Google News: Technical feed requirements', GOOGLE_FEED_URL, 'Technical feed specification'),
  googleUpdates: source('Google News: Technical feed requirements', GOOGLE_FEED_URL, 'Article updates'),
  googleImages: source('Google News: Feed-based inclusion guidelines', GOOGLE_GUIDELINES_URL, 'General guidelines'),
  flipboardRequired: source('Flipboard RSS spec', FLIPBOARD_URL, 'Optimizing your RSS feed for Flipboard'),
  flipboardItem: source('Flipboard RSS spec', FLIPBOARD_URL, 'Feed Structure; RSS Guidelines (<description>)'),
  flipboardPush: source('Flipboard RSS spec', FLIPBOARD_URL, 'Optimizing your RSS feed for Flipboard, item 4'),
  issue14: source('Courier issue 14 (no published page found)', 'docs/partners.md#sources', 'issue 14'),
} as const;
