import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The responses a server is sending, so that a shutdown can wait for them, and tell the clients of the
 * last ones to close their connections. It only watches: it is the first listener of 'request' and answers
 * nothing, so http/server.ts stays the one place that decides how a request is answered.
 *
 * A connection that has sent only part of a request header has no response here: a shutdown does not wait
 * for it (node:http would, until headersTimeout).
 */
export class InFlightResponses {
  private readonly open = new Set<ServerResponse>();
  private closing = false;
  private drainedWaiters: Array<() => void> = [];
  /** One listener for every response's 'close' (the response is `this`), not a closure made per request. */
  private readonly untrack: (this: ServerResponse) => void;

  constructor(server: Server) {
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.track(res));
    const closed = (res: ServerResponse) => this.closed(res);
    this.untrack = function untrack(this: ServerResponse) {
      closed(this);
    };
  }

  get count(): number {
    return this.open.size;
  }

  /**
   * From now on every response, those in flight whose headers are not sent yet included, closes its
   * connection when done (Connection: close), so keep-alive clients go once they have their answer.
   */
  closeConnectionsAfterResponses(): void {
    this.closing = true;
    for (const res of this.open) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  /** Resolves when no response is in flight. */
  drained(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private track(res: ServerResponse): void {
    if (this.closing) res.shouldKeepAlive = false;
    this.open.add(res);
    res.once('close', this.untrack);
  }

  private closed(res: ServerResponse): void {
    this.open.delete(res);
    if (this.open.size > 0) return;
    const waiters = this.drainedWaiters;
    this.drainedWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
