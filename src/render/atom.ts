import type { Author } from '../content/types.js';
import type { FeedItem, FeedModel } from '../model/types.js';
import { escapeHtml } from '../model/html.js';
import { stylesheetInstruction } from './feed-stylesheet.js';
import { MEDIA_NS, mediaContent } from './media.js';
import { Fragments, type ItemContext, type RenderOptions } from './fragments.js';
import { HISTORY_NS, historyLinks } from './history.js';
import { XML_DECLARATION, element, emptyElement, plainText, rfc3339, textConstruct } from './xml.js';

/** An empty feed with no date of its own still needs an <updated>; the epoch says "never" without a clock. */
const NEVER = 0;

/** Plain text as an Atom text construct: type "text", or "html" escaped for HTML when it holds "<" or "&". */
const plain = (name: string, value: string) => textConstruct(name, value, { text: 'text', html: 'html' });

/** Atom 1.0 (RFC 4287), with Media RSS for the lead image. */
export function renderAtom(feed: FeedModel, options: RenderOptions): Buffer {
  return Buffer.concat(renderAtomChunks(feed, options));
}

/** The Atom document as the pieces it is made of: its head, each entry's fragment, its tail. */
export function renderAtomChunks(feed: FeedModel, options: RenderOptions): Buffer[] {
  const { selfUrl, fragments = new Fragments(), stylesheet } = options;
  const history = historyLinks(feed, selfUrl);
  const head = [
    element('id', feed.id),
    plain('title', feed.title),
    plain('subtitle', feed.description),
    element('updated', rfc3339(feed.updated ?? NEVER)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }),
    ...(feed.hubs ?? []).map((href) => emptyElement('link', { rel: 'hub', href })),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    ...historyLines(history),
    ...feed.authors.map((author) => authorElement(author)),
    feed.copyright ? plain('rights', feed.copyright) : undefined,
    element('generator', 'Courier'),
  ].filter((line) => line !== undefined);
  const start = `${XML_DECLARATION}${stylesheetInstruction(stylesheet)}<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="${MEDIA_NS}"${history.archive ? ` xmlns:fh="${HISTORY_NS}"` : ''} xml:lang="${feed.language}">\n${head.map((line) => `  ${line}\n`).join('')}`;
  const entries = feed.items.map((item) => fragments.of('atom', item, feed, renderEntry));
  return [Buffer.from(start), ...entries, TAIL];
}

const TAIL = Buffer.from('</feed>\n');

/** RFC 5005 §4: link rel="current" and rel="prev-archive", and <fh:archive/> in an archive document. */
function historyLines({ archive, current, prevArchive }: ReturnType<typeof historyLinks>): string[] {
  const link = (rel: string, href: string) => emptyElement('link', { rel, type: 'application/atom+xml', href });
  return [
    ...(archive ? ['<fh:archive/>'] : []),
    ...(current !== undefined ? [link('current', current)] : []),
    ...(prevArchive !== undefined ? [link('prev-archive', prevArchive)] : []),
  ];
}

function renderEntry(item: FeedItem, context: ItemContext): string {
  const lines = item.deleted ? killNoticeLines(item, item.deleted) : articleLines(item, context);
  const lang = item.language !== context.language ? ` xml:lang="${item.language}"` : '';
  const media = item.image && !item.deleted ? mediaContent(item.image, '    ') : '';
  return `  <entry${lang}>\n${lines.map((line) => `    ${line}\n`).join('')}${media}  </entry>\n`;
}

/**
 * A withdrawn article as an entry under its own id, its summary and content replaced by the note and updated
 * at the withdrawal, as in RSS. RFC 6721's at:deleted-entry would say it better, but the W3C validator does
 * not know its namespace (docs/decisions.md).
 */
function killNoticeLines(item: FeedItem, { at, note }: NonNullable<FeedItem['deleted']>): string[] {
  return [
    element('id', item.id),
    plain('title', item.title),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', rfc3339(item.published)),
    element('updated', rfc3339(at)),
    ...item.authors.map((author) => authorElement(author)),
    plain('summary', note),
    element('content', `<p>${escapeHtml(note)}</p>`, { type: 'html' }),
  ];
}

function articleLines(item: FeedItem, { schemes }: ItemContext): string[] {
  return [
    element('id', item.id),
    plain('title', item.title),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', rfc3339(item.published)),
    element('updated', rfc3339(item.updated ?? item.published)),
    ...item.authors.map((author) => authorElement(author)),
    ...item.categories.map((name) => emptyElement('category', { term: name, scheme: schemes.category })),
    ...item.tags.map((name) => emptyElement('category', { term: name, scheme: schemes.tag })),
    item.label !== undefined ? emptyElement('category', { term: item.label, scheme: schemes.label }) : undefined,
    plain('summary', item.summary),
    element('content', item.contentHtml, { type: 'html' }),
  ].filter((line) => line !== undefined);
}

function authorElement(author: Author): string {
  const parts = [
    element('name', author.name, {}, plainText),
    author.email !== undefined ? element('email', author.email) : '',
    author.url !== undefined ? element('uri', author.url) : '',
  ];
  return `<author>${parts.join('')}</author>`;
}
