import { escapeHtml } from '../model/html.js';
import type { FeedListing } from '../model/types.js';
import { FEED_FORMATS, OPML, type FeedFormat } from '../render/formats.js';
import { FEEDS_PREFIX, urlPathOf } from './feed-store.js';

const FORMATS = FEED_FORMATS;

/** The home page: every feed with its address, and autodiscovery links for feed readers. */
export function renderIndexPage(title: string, description: string, feeds: readonly FeedListing[]): string {
  const links = feeds.flatMap((feed) => FORMATS.map((format) => autodiscoveryLink(feed, format)));
  const rows = feeds.map(feedRow);
  const columnHeads = FORMATS.map((format) => `<th scope="col">${format.name}</th>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: feeds</title>
${links.join('\n')}
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(description)}</p>
<p>Subscribe in any feed reader. All feeds are also listed in <a href="${FEEDS_PREFIX}${OPML.file}">${OPML.file}</a>.</p>
${feeds.some((feed) => feed.archive !== undefined) ? `${ARCHIVES}\n` : ''}<table>
<thead><tr><th scope="col">Feed</th>${columnHeads}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

/** Said when feeds have archives (RFC 5005): readers that know them fetch a feed's older articles too. */
const ARCHIVES =
  '<p>Older articles: a feed with more articles than it shows links to archive documents that hold all of them ' +
  '(RFC 5005 archived feeds: ' +
  '<code>rel="prev-archive"</code> in RSS and Atom, <code>next_url</code> in JSON Feed).</p>';

function autodiscoveryLink(feed: FeedListing, format: FeedFormat): string {
  const title = escapeHtml(`${feed.title} (${format.name})`);
  return `<link rel="alternate" type="${format.mediaType}" title="${title}" href="${urlPathOf(feed.path + format.file)}">`;
}

function feedRow(feed: FeedListing): string {
  const cells = FORMATS.map((format) => {
    const href = urlPathOf(feed.path + format.file);
    return `<td><a href="${href}">${format.name}</a> <code>${escapeHtml(href)}</code></td>`;
  });
  return `<tr><th scope="row">${escapeHtml(feed.title)}</th>${cells.join('')}</tr>`;
}
