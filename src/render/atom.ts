import type { Author } from '../content/types.js';
import type { FeedItem, FeedModel } from '../model/types.js';
import { MEDIA_NS, mediaContent } from './media.js';
import { Fragments, type ItemContext, type RenderOptions } from './fragments.js';
import { XML_DECLARATION, attribute, element, emptyElement, rfc3339 } from './xml.js';

/** An empty feed still needs an <updated>; the epoch says "never" without reading a clock. */
const NEVER = 0;

/** Atom 1.0 (RFC 4287), with Media RSS for the lead image. */
export function renderAtom(feed: FeedModel, { selfUrl, fragments = new Fragments() }: RenderOptions): Buffer {
  const head = [
    element('id', feed.id),
    element('title', feed.title, { type: 'text' }),
    element('subtitle', feed.description, { type: 'text' }),
    element('updated', rfc3339(feed.updated ?? NEVER)),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    ...feed.authors.map((author) => authorElement(author)),
    feed.copyright ? element('rights', feed.copyright, { type: 'text' }) : undefined,
    element('generator', 'Courier'),
  ].filter((line) => line !== undefined);
  const kills = feed.items.flatMap((item) => (item.deleted ? [deletedEntry(item, item.deleted)] : []));
  const tombstones = kills.length > 0 ? ` xmlns:at="${TOMBSTONES_NS}"` : '';
  const start = `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="${MEDIA_NS}"${tombstones} xml:lang="${feed.language}">\n${[...head, ...kills].map((line) => `  ${line}\n`).join('')}`;
  const entries = feed.items
    .filter((item) => !item.deleted)
    .map((item) => fragments.of('atom', item, feed, renderEntry));
  return Buffer.concat([Buffer.from(start), ...entries, TAIL]);
}

const TAIL = Buffer.from('</feed>\n');
const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';

/**
 * RFC 6721's at:deleted-entry for a withdrawn article. Extension elements come before the entries in RFC
 * 4287's grammar, so the tombstones stand with the feed's metadata.
 */
function deletedEntry(item: FeedItem, { at, note }: NonNullable<FeedItem['deleted']>): string {
  const comment = element('at:comment', note, { type: 'text' });
  const link = emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url });
  return `<at:deleted-entry ref="${attribute(item.id)}" when="${rfc3339(at)}">${link}${comment}</at:deleted-entry>`;
}

function renderEntry(item: FeedItem, { language, schemes }: ItemContext): string {
  const lines = [
    element('id', item.id),
    element('title', item.title, { type: 'text' }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', rfc3339(item.published)),
    element('updated', rfc3339(item.updated ?? item.published)),
    ...item.authors.map((author) => authorElement(author)),
    ...item.categories.map((name) => emptyElement('category', { term: name, scheme: schemes.category })),
    ...item.tags.map((name) => emptyElement('category', { term: name, scheme: schemes.tag })),
    item.label !== undefined ? emptyElement('category', { term: item.label, scheme: schemes.label }) : undefined,
    element('summary', item.summary, { type: 'text' }),
    element('content', item.contentHtml, { type: 'html' }),
  ].filter((line) => line !== undefined);
  const lang = item.language !== language ? ` xml:lang="${item.language}"` : '';
  const media = item.image ? mediaContent(item.image, '    ') : '';
  return `  <entry${lang}>\n${lines.map((line) => `    ${line}\n`).join('')}${media}  </entry>\n`;
}

function authorElement(author: Author): string {
  const parts = [
    element('name', author.name),
    author.email !== undefined ? element('email', author.email) : '',
    author.url !== undefined ? element('uri', author.url) : '',
  ];
  return `<author>${parts.join('')}</author>`;
}
