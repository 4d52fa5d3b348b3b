import { parseKey } from '../partners/keys.js';
import { partnerBaseUrl } from '../partners/feeds.js';
import type { OutputFile } from '../publish/output.js';
import type { Publication } from '../publish/report.js';
import { isFeed } from './publisher.js';

/** A feed the hub distributes: its current file, and the partner it belongs to, if it is a partner's. */
export interface Topic {
  readonly url: string;
  readonly file: OutputFile;
  readonly partner?: string;
}

/** Tells whose a partner key is: the partner id, or undefined for a wrong key (see partners/verifier.ts). */
export type KeyCheck = (key: string, client: string) => Promise<string | undefined>;

/** Why a topic was refused: 4xx with a reason the subscriber can read. */
export interface TopicRefusal {
  readonly status: 400 | 403 | 404;
  readonly reason: string;
}

/**
 * The topics the hub accepts: Courier's own feed URLs as the last build published them, public feeds and
 * partner feeds (by partner id, the URL the feed names itself by). Made anew from each publication.
 */
export class TopicIndex {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly publication?: Publication) {
    if (!publication) return;
    const { feedsUrl } = publication.site;
    for (const file of publication.files.filter((f) => isFeed(f.path))) {
      const url = new URL(file.path, feedsUrl).href;
      this.topics.set(url, { url, file });
    }
    for (const [partner, files] of publication.partners.files) {
      const base = partnerBaseUrl({ feedsUrl }, partner);
      for (const file of files) {
        const url = new URL(file.path, base).href;
        this.topics.set(url, { url, file, partner });
      }
    }
  }

  get ready(): boolean {
    return this.publication !== undefined;
  }

  get(url: string): Topic | undefined {
    return this.topics.get(url);
  }

  get all(): Iterable<Topic> {
    return this.topics.values();
  }

  /**
   * The topic a subscription request names, as the hub keeps it. A public feed's URL is taken as it is. A
   * partner feed needs that partner's key: in the topic URL (the capability form, /partners/<key>/…) or as
   * `Authorization: Bearer <key>` with the id form (/partners/<id>/…); it is kept under the id form.
   */
  async resolve(
    text: string,
    bearer: string | undefined,
    client: string,
    check: KeyCheck,
  ): Promise<Topic | TopicRefusal> {
    if (!URL.canParse(text)) return { status: 400, reason: 'hub.topic is not a URL' };
    const url = new URL(text);
    const feedsUrl = this.publication?.site.feedsUrl ?? '';
    const partnerRoot = new URL('/partners/', feedsUrl || 'http://invalid/').href;
    if (!url.href.startsWith(partnerRoot)) {
      return this.get(url.href) ?? { status: 404, reason: 'hub.topic is not a feed of this hub' };
    }
    const [encoded = '', ...rest] = url.href.slice(partnerRoot.length).split('/');
    const first = decoded(encoded);
    const inPath = parseKey(first) !== undefined;
    const key = inPath ? first : bearer;
    if (key === undefined) return { status: 403, reason: "a partner feed needs that partner's key" };
    const partner = await check(key, client);
    if (partner === undefined || (!inPath && partner !== first)) {
      return { status: 403, reason: "a partner feed needs that partner's key" };
    }
    const canonical = new URL(rest.join('/'), partnerBaseUrl({ feedsUrl }, partner)).href;
    return this.get(canonical) ?? { status: 404, reason: 'hub.topic is not a feed of this hub' };
  }
}

/** A path segment decoded; as it is when it is no valid percent-encoding (then it names no partner). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding (a URIError): kept as sent, it matches no key and no partner id.
    return segment;
  }
}
