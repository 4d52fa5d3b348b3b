import { request, type Reply } from '../helpers/http.js';
import { attributes, elements, parseXml, root, texts } from '../helpers/xml.js';
import type { Format } from './built-feeds.js';

/** One document a walking client fetched: where, what came back, the ids it holds and where it points next. */
export interface WalkedDocument {
  /** The address as the feed names it (under the site's feeds_url). */
  readonly url: string;
  readonly reply: Reply;
  readonly ids: readonly string[];
  readonly prevArchive?: string;
  /** Whether it says it is an archive document: <fh:archive/> in XML. */
  readonly archive: boolean;
}

/**
 * A client of RFC 5005 §4, over real HTTP: fetches a feed, then each document its prev-archive link (JSON Feed:
 * next_url) names, until one names none. `feedsUrl` is the site's feeds_url, which `server` serves at /feeds/.
 */
export async function walkArchives(
  server: string,
  feedsUrl: string,
  start: string,
  format: Exclude<Format, 'opml'>,
): Promise<WalkedDocument[]> {
  const documents: WalkedDocument[] = [];
  const seen = new Set<string>();
  for (let url: string | undefined = start; url !== undefined;) {
    if (seen.has(url)) throw new Error(`the chain of archives loops back to ${url}`);
    seen.add(url);
    if (!url.startsWith(feedsUrl)) throw new Error(`${url} is not under ${feedsUrl}`);
    const path = `/feeds/${url.slice(feedsUrl.length)}`;
    const reply = await request(server, path);
    if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status}`);
    const read = await readDocument(reply.body.toString('utf8'), format);
    documents.push({ url, reply, ...read });
    url = read.prevArchive;
  }
  return documents;
}

/** The ids, the prev-archive link and the archive mark of one document, by its format. */
export async function readDocument(
  text: string,
  format: Exclude<Format, 'opml'>,
): Promise<{ ids: string[]; prevArchive?: string; archive: boolean }> {
  if (format === 'json') {
    const feed = JSON.parse(text) as { next_url?: string; items: Array<{ id: string }> };
    return {
      ids: feed.items.map((item) => item.id),
      ...(feed.next_url && { prevArchive: feed.next_url }),
      archive: false,
    };
  }
  const document = await parseXml(text);
  const top = format === 'rss' ? elements(root(document, 'rss')?.channel)[0] : root(document, 'feed');
  if (!top) throw new Error(`not ${format}`);
  const links = attributes(format === 'rss' ? top['atom:link'] : top.link);
  const prevArchive = links.find((link) => link.rel === 'prev-archive')?.href;
  const ids =
    format === 'rss'
      ? elements(top.item).map((item) => texts(item.guid)[0]!)
      : elements(top.entry).map((entry) => texts(entry.id)[0]!);
  return { ids, ...(prevArchive !== undefined && { prevArchive }), archive: top['fh:archive'] !== undefined };
}
