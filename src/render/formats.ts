import type { FeedModel } from '../model/types.js';
import { renderAtom, renderAtomChunks } from './atom.js';
import { FEED_STYLESHEET, stylesheetHref } from './feed-stylesheet.js';
import type { Fragments, RenderOptions } from './fragments.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderOpml, type OpmlGroup } from './opml.js';
import { renderRss, renderRssChunks } from './rss.js';

/**
 * The one registry of formats: every place that names a feed format (the files each feed has, their media
 * types, what the index page and the OPML show, the partner feeds) reads it from here. Adding a format is
 * adding an entry and its renderer.
 */
export interface FeedFormat {
  readonly id: 'rss' | 'atom' | 'json';
  /** The file's name in each feed's folder. Part of every feed URL, so permanent. */
  readonly file: string;
  /** The media type, without parameters. */
  readonly mediaType: string;
  /** The format's name as people know it, for the index page. */
  readonly name: string;
  readonly render: (feed: FeedModel, options: RenderOptions) => Buffer;
  /** The same document as the pieces `render` joins: item fragments shared between documents, never copied. */
  readonly renderChunks: (feed: FeedModel, options: RenderOptions) => Buffer[];
}

const RSS: FeedFormat = {
  id: 'rss',
  file: 'rss.xml',
  mediaType: 'application/rss+xml',
  name: 'RSS',
  render: renderRss,
  renderChunks: renderRssChunks,
};

export const FEED_FORMATS: readonly FeedFormat[] = [
  RSS,
  {
    id: 'atom',
    file: 'atom.xml',
    mediaType: 'application/atom+xml',
    name: 'Atom',
    render: renderAtom,
    renderChunks: renderAtomChunks,
  },
  {
    id: 'json',
    file: 'feed.json',
    mediaType: 'application/feed+json',
    name: 'JSON Feed',
    render: renderJson,
    renderChunks: renderJsonChunks,
  },
];

/** The format OPML outlines point to: OPML 2.0's `type="rss"` outlines name an RSS file. */
export const OPML_OUTLINE_FORMAT = RSS;

/** The OPML list of every public feed, one file beside the site feed. */
export const OPML = { file: 'index.opml', mediaType: 'text/x-opml' } as const;

/** The index page, published beside the site feed and served at the service's root (index-page.ts). */
export const INDEX_PAGE = { file: 'index.html', mediaType: 'text/html' } as const;

const MEDIA_TYPES = new Map<string, string>([
  ...FEED_FORMATS.map((format) => [format.file, format.mediaType] as const),
  [OPML.file, OPML.mediaType],
  [FEED_STYLESHEET.file, FEED_STYLESHEET.mediaType],
  [INDEX_PAGE.file, INDEX_PAGE.mediaType],
]);

/** The Content-Type of a generated file, by its name. */
export function mediaTypeOf(path: string): string {
  const type = MEDIA_TYPES.get(path.replace(/^.*\//, ''));
  if (!type) throw new Error(`no media type for ${path}`);
  return `${type}; charset=utf-8`;
}

/** A file as rendered, before hashing and compression. */
export interface RenderedFile {
  /** Path under the feeds folder (or a partner's folder) with forward slashes, e.g. "categories/world/rss.xml". */
  readonly path: string;
  readonly body: Buffer;
  /** The newest date of what the file shows; undefined when it shows nothing dated. */
  readonly contentDate: number | undefined;
  /** The Link header of a feed that names hubs (WebSub discovery): its hubs and itself; absent otherwise. */
  readonly link?: string;
}

/** Joins a document's pieces into its bytes: Buffer.concat, or into memory the caller hands out again. */
export type Join = (chunks: readonly Buffer[]) => Buffer;

/**
 * The file of one feed in one format, under `folder` (e.g. "categories/world/"), naming `stylesheet` if given;
 * its pieces joined by `join` when given.
 */
export function renderFeedFile(
  format: FeedFormat,
  feed: FeedModel,
  folder: string,
  fragments?: Fragments,
  stylesheet?: string,
  join?: Join,
): RenderedFile {
  const selfUrl = feed.folderUrl + format.file;
  const options = { selfUrl, ...(fragments && { fragments }), ...(stylesheet && { stylesheet }) };
  const body = join ? join(format.renderChunks(feed, options)) : format.render(feed, options);
  const link = feed.hubs?.length ? linkHeader(selfUrl, feed.hubs) : undefined;
  return { path: folder + format.file, body, contentDate: feed.updated, ...(link && { link }) };
}

/** The Link header of WebSub discovery (W3C WebSub §4): each hub, then the feed's own URL, the topic. */
export function linkHeader(selfUrl: string, hubs: readonly string[]): string {
  return [...hubs.map((hub) => `<${hub}>; rel="hub"`), `<${selfUrl}>; rel="self"`].join(', ');
}

/**
 * Every file of one public feed: one per format, the XML ones naming the stylesheet browsers show them with
 * (published beside the site feed, so each feed names it relative to its folder).
 */
export function renderFeedFiles(feed: FeedModel, folder: string, fragments?: Fragments, join?: Join): RenderedFile[] {
  return FEED_FORMATS.map((format) => renderFeedFile(format, feed, folder, fragments, stylesheetHref(folder), join));
}

/** The OPML index of feeds in groups; each outline points to the feed's file in OPML_OUTLINE_FORMAT. */
export function renderOpmlFile(
  title: string,
  groups: ReadonlyArray<{ title: string; feeds: readonly FeedModel[] }>,
  note?: string,
): RenderedFile {
  const outlines: OpmlGroup[] = groups.map((group) => ({
    title: group.title,
    feeds: group.feeds.map((feed) => ({ feed, xmlUrl: feed.folderUrl + OPML_OUTLINE_FORMAT.file })),
  }));
  const dates = groups.flatMap((group) => group.feeds.map((feed) => feed.updated)).filter((date) => date !== undefined);
  return {
    path: OPML.file,
    body: renderOpml(title, outlines, note),
    contentDate: dates.length > 0 ? Math.max(...dates) : undefined,
  };
}
