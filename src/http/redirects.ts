import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirectKey, type Redirect } from '../content/redirects.js';

/**
 * The old feed addresses of a site (content/redirects.ts), each answered 301 with the absolute URL of the
 * Courier feed it moved to. Immutable: a build with other settings makes a new one (`with`).
 */
export class Redirects {
  private readonly targets: ReadonlyMap<string, string>;

  constructor(
    private readonly redirects: readonly Redirect[],
    private readonly feedsUrl: string,
  ) {
    this.targets = new Map(redirects.map(({ from, to }) => [redirectKey(from), new URL(to, feedsUrl).href]));
  }

  /** These redirects, or new ones when the settings changed: the same object for the same settings. */
  with(redirects: readonly Redirect[], feedsUrl: string): Redirects {
    const same = feedsUrl === this.feedsUrl && JSON.stringify(redirects) === JSON.stringify(this.redirects);
    return same ? this : new Redirects(redirects, feedsUrl);
  }

  /** The absolute URL a GET or HEAD of this URL (its query string ignored) is sent to, if any. */
  target(method: string | undefined, url: string | undefined): string | undefined {
    if (this.targets.size === 0 || url === undefined || (method !== 'GET' && method !== 'HEAD')) return undefined;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    let decoded: string;
    try {
      decoded = decodeURI(path);
    } catch (error) {
      // A path that is not valid percent-encoding is no old feed address; Express answers it (400).
      if (error instanceof URIError) return undefined;
      throw error;
    }
    return this.targets.get(redirectKey(decoded));
  }
}

/**
 * Answers 301 with the feed's URL: permanent, so readers and aggregators that follow it update the
 * subscription (feed URLs never move, so its target never does). A day's caching lets the setting be changed.
 */
export function sendRedirect(req: IncomingMessage, res: ServerResponse, location: string): void {
  const body = `Moved permanently to ${location}\n`;
  res.writeHead(301, {
    Location: location,
    'Cache-Control': 'public, max-age=86400',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
