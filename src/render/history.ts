import type { FeedModel } from '../model/types.js';

/** RFC 5005's namespace, for the <fh:archive/> that marks an archive document. */
export const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** A document's RFC 5005 links as full URLs of the same format's file. */
export interface HistoryLinks {
  /** Whether the document is an archive document (marked <fh:archive/>). */
  readonly archive: boolean;
  readonly prevArchive?: string;
  readonly current?: string;
}

/**
 * The model's history folders as addresses of this format's file: each format links to its own kind of
 * document, and `selfUrl` ends with the format's file name.
 */
export function historyLinks(feed: FeedModel, selfUrl: string): HistoryLinks {
  const file = selfUrl.slice(selfUrl.lastIndexOf('/') + 1);
  const { prevArchive, current } = feed.history ?? {};
  return {
    archive: current !== undefined,
    ...(prevArchive !== undefined && { prevArchive: prevArchive + file }),
    ...(current !== undefined && { current: current + file }),
  };
}
