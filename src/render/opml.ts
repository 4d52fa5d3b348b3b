import { escapeHtml, readsAsHtml } from '../model/html.js';
import type { FeedModel } from '../model/types.js';
import { XML_DECLARATION, attribute, element, emptyElement, rfc822 } from './xml.js';

/** A feed as an OPML outline shows it: the feed and the address of the one file the outline points to. */
export interface OpmlFeed {
  readonly feed: FeedModel;
  readonly xmlUrl: string;
}

export interface OpmlGroup {
  readonly title: string;
  readonly feeds: readonly OpmlFeed[];
}

/**
 * OPML 2.0 listing every public feed once, by its RSS address, in groups (site, categories, authors). Its
 * texts, titles and descriptions may be read as HTML, so plain text that HTML would misread is escaped for it.
 */
export function renderOpml(title: string, groups: readonly OpmlGroup[], note?: string): Buffer {
  const dates = groups.flatMap((group) => group.feeds.map(({ feed }) => feed.updated ?? 0));
  const head = [
    element('title', asHtml(title)),
    dates.length > 0 ? element('dateModified', rfc822(Math.max(...dates))) : undefined,
  ].filter((line) => line !== undefined);
  // A note for people reading the list: an OPML 2.0 comment outline, which readers do not subscribe to.
  const comment =
    note === undefined ? '' : `    ${emptyElement('outline', { text: asHtml(note), isComment: 'true' })}\n`;
  const body = groups
    .filter((group) => group.feeds.length > 0)
    .map((group) => {
      const outlines = group.feeds.map((feed) => `      ${outline(feed)}\n`).join('');
      return `    <outline text="${attribute(asHtml(group.title))}">\n${outlines}    </outline>\n`;
    })
    .join('');
  return Buffer.from(
    `${XML_DECLARATION}<opml version="2.0">\n  <head>\n${head.map((line) => `    ${line}\n`).join('')}  </head>\n  <body>\n${comment}${body}  </body>\n</opml>\n`,
  );
}

const asHtml = (text: string) => (readsAsHtml(text) ? escapeHtml(text) : text);

function outline({ feed, xmlUrl }: OpmlFeed): string {
  return emptyElement('outline', {
    type: 'rss',
    text: asHtml(feed.title),
    title: asHtml(feed.title),
    description: asHtml(feed.description),
    xmlUrl,
    htmlUrl: feed.homeUrl,
    language: feed.language,
  });
}
