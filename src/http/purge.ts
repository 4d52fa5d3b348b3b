import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import pLimit from 'p-limit';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { CourierMetrics } from '../observe/metrics.js';

/** How long one PURGE may take, connection included. */
const PURGE_TIMEOUT_MS = 2000;
/** PURGE requests in flight at once, over every cache. */
const CONCURRENCY = 4;

export interface PurgerDeps {
  /** Base URLs of the caches, e.g. http://127.0.0.1:6081 (config.scale.purgeUrls). */
  readonly caches: readonly string[];
  readonly log: Logger;
  readonly metrics?: CourierMetrics | undefined;
}

/**
 * Tells the caches in front (Varnish: deploy/varnish/courier.vcl) that feeds changed: `PURGE <path>` to each
 * cache for each URL path whose bytes a build changed, so readers behind the cache see a new article within
 * seconds, not after max-age. Fire and forget: never awaited by a build or a request, each request bounded in
 * time and in number at once; a failure is logged and counted, and the cache then serves its copy until
 * max-age, as it would without purging.
 */
export class Purger {
  private readonly limit = pLimit(CONCURRENCY);

  constructor(private readonly deps: PurgerDeps) {}

  /** Sends the purges in the background; the promise (for tests and shutdown) settles when all are answered. */
  purge(paths: readonly string[]): Promise<void> {
    const sends = this.deps.caches.flatMap((cache) => paths.map((path) => this.limit(() => this.send(cache, path))));
    return Promise.all(sends).then(() => undefined);
  }

  private async send(cache: string, path: string): Promise<void> {
    const { log, metrics } = this.deps;
    try {
      const status = await purgeOnce(`${cache}${path}`);
      const ok = status >= 200 && status < 300;
      metrics?.purge(ok);
      if (!ok) log.warn(`cache purge of ${path} at ${cache} answered ${status}`, { cache, path, status });
    } catch (error) {
      // A cache that is down or slow must not stop anything: counted and logged, the cache expires the copy itself.
      metrics?.purge(false);
      log.warn(`cache purge of ${path} at ${cache} failed: ${errorMessage(error)}`, { cache, path, err: error });
    }
  }
}

/** One PURGE request; resolves with the status, rejects on an error or after PURGE_TIMEOUT_MS. */
function purgeOnce(url: string): Promise<number> {
  const send = url.startsWith('https:') ? requestTls : request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'PURGE', agent: false, timeout: PURGE_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${PURGE_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}
