import type { FeedItem, FeedModel } from '../model/types.js';
import { escapeHtml } from '../model/html.js';
import { stylesheetInstruction } from './feed-stylesheet.js';
import { MEDIA_NS, mediaContent } from './media.js';
import { Fragments, type ItemContext, type RenderOptions } from './fragments.js';
import { HISTORY_NS, historyLinks } from './history.js';
import {
  XML_DECLARATION,
  ambiguousText,
  element,
  emptyElement,
  htmlOfText,
  plainText,
  rfc3339,
  rfc822,
} from './xml.js';

const NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:dcterms="http://purl.org/dc/terms/"',
  `xmlns:media="${MEDIA_NS}"`,
].join(' ');

/** Plain text in a field that readers take as text or as HTML (titles): escaped for HTML when HTML would misread it. */
const ambiguous = (name: string, value: string) => element(name, value, {}, ambiguousText);
/** Plain text in a field RSS reads as HTML (an item's description): escaped once more, for HTML. */
const html = (name: string, value: string) => element(name, value, {}, htmlOfText);

/**
 * RSS 2.0 with the RSS Advisory Board's profile: authors as dc:creator, full text as content:encoded. Every
 * element is one the W3C validator knows, and no item names one date twice (pubDate with dc:date).
 */
export function renderRss(feed: FeedModel, options: RenderOptions): Buffer {
  return Buffer.concat(renderRssChunks(feed, options));
}

/** The RSS document as the pieces it is made of: its head, each item's fragment, its tail. */
export function renderRssChunks(feed: FeedModel, options: RenderOptions): Buffer[] {
  const { selfUrl, fragments = new Fragments(), stylesheet } = options;
  const history = historyLinks(feed, selfUrl);
  const channel = [
    ambiguous('title', feed.title),
    element('link', feed.homeUrl),
    ambiguous('description', feed.description),
    emptyElement('atom:link', { href: selfUrl, rel: 'self', type: 'application/rss+xml' }),
    ...(feed.hubs ?? []).map((href) => emptyElement('atom:link', { href, rel: 'hub' })),
    ...historyLines(history),
    element('language', feed.language),
    feed.copyright ? element('copyright', feed.copyright, {}, plainText) : undefined,
    feed.updated !== undefined ? element('lastBuildDate', rfc822(feed.updated)) : undefined,
    element('generator', 'Courier'),
    element('docs', 'https://www.rssboard.org/rss-specification'),
  ].filter((line) => line !== undefined);
  const head = `${XML_DECLARATION}${stylesheetInstruction(stylesheet)}<rss version="2.0" ${NAMESPACES}${history.archive ? ` xmlns:fh="${HISTORY_NS}"` : ''}>\n  <channel>\n${channel.map((line) => `    ${line}\n`).join('')}`;
  return [Buffer.from(head), ...feed.items.map((item) => fragments.of('rss', item, feed, renderItem)), TAIL];
}

const TAIL = Buffer.from('  </channel>\n</rss>\n');

/** RFC 5005 §4 in RSS: atom:link rel="current" and rel="prev-archive", and <fh:archive/> in an archive. */
function historyLines({ archive, current, prevArchive }: ReturnType<typeof historyLinks>): string[] {
  const link = (rel: string, href: string) => emptyElement('atom:link', { href, rel, type: 'application/rss+xml' });
  return [
    ...(archive ? ['<fh:archive/>'] : []),
    ...(current !== undefined ? [link('current', current)] : []),
    ...(prevArchive !== undefined ? [link('prev-archive', prevArchive)] : []),
  ];
}

function renderItem(item: FeedItem, context: ItemContext): string {
  return item.deleted ? renderKillNotice(item, item.deleted) : renderArticle(item, context);
}

/**
 * The withdrawn article under its own guid, by its own authors, its description and content replaced by the
 * note and its modified date set to the withdrawal: a partner that reads the item again replaces the article.
 */
function renderKillNotice(item: FeedItem, deleted: NonNullable<FeedItem['deleted']>): string {
  const lines = [
    ambiguous('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink: 'false' }),
    element('pubDate', rfc822(item.published)),
    element('dcterms:modified', rfc3339(deleted.at)),
    ...item.authors.map((author) => element('dc:creator', author.name, {}, plainText)),
    html('description', deleted.note),
    element('content:encoded', `<p>${escapeHtml(deleted.note)}</p>`),
  ];
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join('')}    </item>\n`;
}

function renderArticle(item: FeedItem, { language, schemes }: ItemContext): string {
  const category = (name: string, domain: string) => element('category', name, { domain }, plainText);
  const lines = [
    ambiguous('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink: 'false' }),
    element('pubDate', rfc822(item.published)),
    // The last change, as dcterms:modified: dc:date beside pubDate would name the publication date twice.
    item.updated !== undefined ? element('dcterms:modified', rfc3339(item.updated)) : undefined,
    item.language !== language ? element('dc:language', item.language) : undefined,
    ...item.authors.map((author) => element('dc:creator', author.name, {}, plainText)),
    ...item.categories.map((name) => category(name, schemes.category)),
    ...item.tags.map((name) => category(name, schemes.tag)),
    item.label !== undefined ? category(item.label, schemes.label) : undefined,
    html('description', item.summary),
    element('content:encoded', item.contentHtml),
  ].filter((line) => line !== undefined);
  const media = item.image ? mediaContent(item.image, '      ') : '';
  return `    <item>\n${lines.map((line) => `      ${line}\n`).join('')}${media}    </item>\n`;
}
