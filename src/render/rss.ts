import type { FeedItem, FeedModel } from '../model/types.js';
import { escapeHtml } from '../model/html.js';
import { MEDIA_NS, mediaContent } from './media.js';
import { Fragments, type ItemContext, type RenderOptions } from './fragments.js';
import { XML_DECLARATION, element, emptyElement, rfc3339, rfc822 } from './xml.js';

const NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  `xmlns:media="${MEDIA_NS}"`,
].join(' ');

/** RSS 2.0 with the RSS Advisory Board's profile: authors as dc:creator, full text as content:encoded. */
export function renderRss(feed: FeedModel, { selfUrl, fragments = new Fragments() }: RenderOptions): Buffer {
  const channel = [
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description),
    emptyElement('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
    element('language', feed.language),
    feed.copyright ? element('copyright', feed.copyright) : undefined,
    feed.updated !== undefined ? element('lastBuildDate', rfc822(feed.updated)) : undefined,
    element('generator', 'Courier'),
    element('docs', 'https://www.rssboard.org/rss-specification'),
  ].filter((line) => line !== undefined);
  const head = `${XML_DECLARATION}<rss version="2.0" ${NAMESPACES}>\n  <channel>\n${channel.map((line) => `    ${line}\n`).join('')}`;
  return Buffer.concat([
    Buffer.from(head),
    ...feed.items.map((item) => fragments.of('rss', item, feed, renderItem)),
    TAIL,
  ]);
}

const TAIL = Buffer.from('  </channel>\n</rss>\n');

function renderItem(item: FeedItem, context: ItemContext): string {
  return item.deleted ? renderKillNotice(item, item.deleted) : renderArticle(item, context);
}

/** The withdrawn article under its own guid, its body replaced by the note, marked deleted (Media RSS). */
function renderKillNotice(item: FeedItem, deleted: NonNullable<FeedItem['deleted']>): string {
  const lines = [
    element('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink: 'false' }),
    element('pubDate', rfc822(item.published)),
    element('dcterms:modified', rfc3339(deleted.at)),
    element('dc:date', rfc3339(deleted.at)),
    element('description', deleted.note),
    element('content:encoded', `<p>${escapeHtml(deleted.note)}</p>`),
    emptyElement('media:status', { state: 'deleted', reason: deleted.note }),
  ];
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join('')}    </item>\n`;
}

function renderArticle(item: FeedItem, { language, schemes }: ItemContext): string {
  const lines = [
    element('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink: 'false' }),
    element('pubDate', rfc822(item.published)),
    // Both name the last change: readers differ in which they know (feedparser both, @rowanmanning/feed-parser dc:date).
    item.updated !== undefined ? element('dcterms:modified', rfc3339(item.updated)) : undefined,
    item.updated !== undefined ? element('dc:date', rfc3339(item.updated)) : undefined,
    item.language !== language ? element('dc:language', item.language) : undefined,
    ...item.authors.map((author) => element('dc:creator', author.name)),
    ...item.categories.map((name) => element('category', name, { domain: schemes.category })),
    ...item.tags.map((name) => element('category', name, { domain: schemes.tag })),
    item.label !== undefined ? element('category', item.label, { domain: schemes.label }) : undefined,
    element('description', item.summary),
    element('content:encoded', item.contentHtml),
  ].filter((line) => line !== undefined);
  const media = item.image ? mediaContent(item.image, '      ') : '';
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join('')}${media}    </item>\n`;
}
