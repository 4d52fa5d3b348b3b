import { readFileSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TempBuild } from './build.js';
import type { Reply } from './http.js';

/** The built-in hub, with callbacks on the loopback allowed (tests only) and leases from one second. */
export const HUB_ENV = {
  COURIER_HUB: '1',
  COURIER_HUB_ALLOW_PRIVATE_CALLBACKS: '1',
  COURIER_HUB_MIN_LEASE_SECONDS: '1',
};

/** What a subscriber's callback does when the hub verifies an intent: echo the challenge, or not. */
export type Verifying = 'echo' | 'wrong';
/** What it does with a POST: take it at once, never answer, or answer 503 to the first and take the rest. */
export type Receiving = 'take' | 'hang' | 'fail-once';

export interface Delivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** performance.now() when the body had arrived whole. */
  readonly at: number;
}

/**
 * A WebSub subscriber of our own making for the tests (a real HTTP server on 127.0.0.1): each callback path
 * verifies and receives as told, and every verification and delivery is kept for the test to read.
 */
export class TestSubscriber {
  readonly verifications: Array<{ path: string; query: URLSearchParams }> = [];
  readonly deliveries: Delivery[] = [];
  readonly verifying = new Map<string, Verifying>();
  readonly receiving = new Map<string, Receiving>();
  private readonly hanging: ServerResponse[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<TestSubscriber> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const subscriber = new TestSubscriber(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', subscriber.url);
      if (req.method === 'GET') {
        subscriber.verifications.push({ path: url.pathname, query: url.searchParams });
        const echo = (subscriber.verifying.get(url.pathname) ?? 'echo') === 'echo';
        res.end(echo ? url.searchParams.get('hub.challenge') : 'not the challenge');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        subscriber.deliveries.push({ path: url.pathname, headers: req.headers, body, at: performance.now() });
        const receiving = subscriber.receiving.get(url.pathname) ?? 'take';
        if (receiving === 'hang') subscriber.hanging.push(res);
        else if (receiving === 'fail-once' && subscriber.deliveriesTo(url.pathname).length === 1)
          res.writeHead(503).end();
        else res.writeHead(receiving === 'fail-once' ? 202 : 204).end();
      });
    });
    return subscriber;
  }

  callback(path: string): string {
    return `${this.url}${path}`;
  }

  deliveriesTo(path: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.path === path);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A form POST, as a subscriber sends it to a hub. */
export function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const body = Buffer.from(new URLSearchParams(fields).toString());
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length, ...headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Changes an article's body, so the site feed's bytes change: a different text each call of `n`. */
export function editArticle(build: TempBuild, n: number, file = 'articles/2026/11/oman-talks.md'): void {
  const path = join(build.content, file);
  writeFileSync(path, `${readFileSync(path, 'utf8').replace(/\n\nEdit \d+\.\n$/, '\n')}\n\nEdit ${n}.\n`);
}

/** Asks `check` every 20 ms until it is true, for `ms` at most; says whether it came true. */
export async function within(ms: number, check: () => boolean): Promise<boolean> {
  const until = performance.now() + ms;
  while (!check()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
