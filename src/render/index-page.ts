import { escapeHtml } from '../model/html.js';
import type { FeedListing } from '../model/types.js';
import { FEED_FORMATS, OPML, type FeedFormat } from './formats.js';
import { PAGE_CSP, PAGE_SCRIPT, PAGE_STYLE } from './index-page-assets.js';
import { rfc3339 } from './xml.js';

/** A public feed as the index page lists it. */
export interface IndexEntry extends FeedListing {
  /** What its group calls it: the category's or author's name, or the site's title. */
  readonly name: string;
  /** Public articles the feed stands for, all of them (a feed file holds the newest items_per_feed). */
  readonly articles: number;
  /** When the feed last changed (an article published, corrected or retracted); undefined for none. */
  readonly updated: number | undefined;
}

/** What the page says of the site. */
export interface IndexSite {
  readonly title: string;
  readonly description: string;
  /** Where the feeds are published, ending in a slash: every address on the page is absolute under it. */
  readonly feedsUrl: string;
  readonly language: string;
  readonly timeZone: string;
}

/** Said when feeds have archives (RFC 5005): readers that know them fetch a feed's older articles too. */
const ARCHIVES =
  '<p>Older articles: a feed with more articles than it shows links to archive documents that hold all of them ' +
  '(RFC 5005 archived feeds: ' +
  '<code>rel="prev-archive"</code> in RSS and Atom, <code>next_url</code> in JSON Feed).</p>';

const GROUPS = [
  { kind: 'site', heading: 'All articles', id: 'site' },
  { kind: 'category', heading: 'Categories', id: 'categories' },
  { kind: 'author', heading: 'Authors', id: 'authors' },
] as const;

/**
 * The page people land on: every public feed with its full address in each format (a copy button beside each
 * when JavaScript runs), grouped as site, categories and authors, each with its article count and last update.
 * Autodiscovery links name the site feed only, once per format: what a browser should offer. Pure: the same
 * site and entries make the same bytes, with no wall-clock time.
 */
export function renderIndexPage(site: IndexSite, entries: readonly IndexEntry[]): Buffer {
  const dates = localDates(site.timeZone);
  const siteFeed = entries.find((entry) => entry.kind === 'site');
  const links = siteFeed ? FEED_FORMATS.map((format) => autodiscoveryLink(site, siteFeed, format)) : [];
  const sections = GROUPS.map((group) => {
    const feeds = entries.filter((entry) => entry.kind === group.kind);
    if (feeds.length === 0) return '';
    const count = group.kind === 'site' ? '' : ` <span class="count">(${feeds.length})</span>`;
    const cards = feeds.map((entry, index) => feedCard(site, entry, `${group.id}-${index + 1}`, dates));
    return `<section aria-labelledby="${group.id}">
<h2 id="${group.id}">${group.heading}${count}</h2>
<ul>
${cards.join('\n')}
</ul>
</section>`;
  });
  const opml = site.feedsUrl + OPML.file;
  return Buffer.from(`<!doctype html>
<html lang="${escapeHtml(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<title>${escapeHtml(site.title)}: feeds</title>
${links.join('\n')}
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(site.title)}: feeds</h1>
<p>${escapeHtml(site.description)}</p>
</header>
<main>
<section class="how" aria-labelledby="how">
<h2 id="how">How to subscribe</h2>
<p>Copy a feed's address into your feed reader. Every reader takes RSS and Atom; many take JSON Feed too.
Times are in ${escapeHtml(site.timeZone)}.</p>
</section>
${sections.filter((section) => section !== '').join('\n')}
${entries.some((entry) => entry.archive !== undefined) ? `${ARCHIVES}\n` : ''}<p>Every feed in one file for your reader to import: <a href="${escapeHtml(opml)}">${escapeHtml(opml)}</a></p>
</main>
<p class="status" id="copy-status" role="status" aria-live="polite"></p>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`);
}

function autodiscoveryLink(site: IndexSite, feed: IndexEntry, format: FeedFormat): string {
  const title = escapeHtml(`${feed.title} (${format.name})`);
  const href = escapeHtml(feedUrl(site, feed, format));
  return `<link rel="alternate" type="${format.mediaType}" title="${title}" href="${href}">`;
}

function feedCard(site: IndexSite, entry: IndexEntry, id: string, dates: (at: number) => string): string {
  const title = escapeHtml(entry.name);
  const rows = FEED_FORMATS.map((format) => {
    const url = escapeHtml(feedUrl(site, entry, format));
    const label = escapeHtml(`Copy the ${format.name} address of ${entry.name}`);
    const button = `<button type="button" data-url="${url}" aria-label="${label}" hidden>Copy</button>`;
    return `<li><span class="format">${format.name}</span> <a class="url" href="${url}">${url}</a> ${button}</li>`;
  });
  return `<li class="feed" aria-labelledby="${id}">
<h3 id="${id}">${title}</h3>
<p class="meta">${articles(entry.articles)}${updated(entry.updated, dates)}</p>
<ul class="formats">
${rows.join('\n')}
</ul>
</li>`;
}

/** The feed's public address in a format, as the feed itself names it (model/feed-model.ts). */
function feedUrl(site: IndexSite, entry: FeedListing, format: FeedFormat): string {
  return new URL(entry.path + format.file, site.feedsUrl).href;
}

function articles(count: number): string {
  return count === 1 ? '1 article' : `${count} articles`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "28 Nov 2026, 09:30" in a time zone: numeric parts from one formatter a page (ASCII digits in any ICU), the
 * month's name from our own list, so the bytes never depend on a locale's wording.
 */
function localDates(timeZone: string): (at: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  });
  return (at) => {
    const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const { type, value } of format.formatToParts(at)) part[type] = value;
    return `${part.day} ${MONTHS[Number(part.month) - 1]} ${part.year}, ${part.hour}:${part.minute}`;
  };
}

/** " · updated 28 Nov 2026, 09:30", with the time in UTC for machines. */
function updated(at: number | undefined, dates: (at: number) => string): string {
  if (at === undefined) return '';
  return ` · updated <time datetime="${rfc3339(at)}">${dates(at)}</time>`;
}
