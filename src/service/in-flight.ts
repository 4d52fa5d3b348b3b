import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The latest response on a connection, kept on the connection's socket itself. */
const LATEST = Symbol('courier.latestResponse');
type WatchedSocket = Socket & { [LATEST]?: ServerResponse };

/**
 * The responses a server is sending, so that a shutdown can wait for them, and tell the clients of the
 * last ones to close their connections. It only watches: it is the first listener of 'request' and answers
 * nothing, so http/server.ts stays the one place that decides how a request is answered.
 *
 * Until a shutdown begins it keeps track of connections, not responses: each socket holds its latest response,
 * a property set a request, and no listener is added for each one (a Set of responses and a 'close' listener
 * each were a few per cent of a 304's CPU). A response that is still open when its connection carries the next
 * (pipelining) is watched on its own, as is every response once a shutdown began. The price: a kept-alive
 * connection keeps its last response object (about 0.7 kB more heap a connection, measured) until its next
 * request or its close, at most keepAliveTimeout (5 s) after it went idle.
 *
 * A connection that has sent only part of a request header has no response here: a shutdown does not wait
 * for it (node:http would, until headersTimeout).
 */
export class InFlightResponses {
  private readonly sockets = new Set<WatchedSocket>();
  /** Responses watched on their own until they close: see above. */
  private readonly watched = new Set<ServerResponse>();
  private closing = false;
  /** Responses made the last of their connection by a shutdown (makeLast). */
  private readonly lasts = new Set<ServerResponse>();
  private drainedWaiters: Array<() => void> = [];
  /** One listener for every watched response's 'close' (the response is `this`), not a closure made for each. */
  private readonly unwatch: (this: ServerResponse) => void;

  constructor(server: Server) {
    server.on('connection', (socket: WatchedSocket) => {
      this.sockets.add(socket);
      socket.once('close', () => {
        this.sockets.delete(socket);
        if (this.watched.size > 0) this.socketClosed(socket);
      });
    });
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.track(req, res));
    const closed = (res: ServerResponse) => this.closed(res);
    this.unwatch = function unwatch(this: ServerResponse) {
      closed(this);
    };
  }

  get count(): number {
    let open = this.watched.size;
    for (const socket of this.sockets) {
      const latest = socket[LATEST];
      if (latest && !latest.closed && !this.watched.has(latest)) open += 1;
    }
    return open;
  }

  /**
   * From now on the last response of each connection, those in flight whose headers are not sent yet
   * included, closes its connection when done (Connection: close), so keep-alive clients go once they have
   * their answers; requests pipelined behind it are answered first.
   */
  closeConnectionsAfterResponses(): void {
    this.closing = true;
    for (const socket of this.sockets) {
      const latest = socket[LATEST];
      if (!latest || latest.closed) continue;
      this.watch(latest);
      this.makeLast(latest);
    }
  }

  /** Resolves when no response is in flight. */
  drained(): Promise<void> {
    this.watchEveryOpen();
    if (this.watched.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket as WatchedSocket;
    const previous = socket[LATEST];
    socket[LATEST] = res;
    if (previous && !previous.closed) {
      this.watch(previous);
      // Another request came after the one that was to close the connection: that one closes it now.
      if (this.lasts.delete(previous) && !previous.headersSent) previous.shouldKeepAlive = true;
    }
    if (!this.closing) return;
    this.watch(res);
    this.makeLast(res);
  }

  /** The response closes its connection when sent, if it can still say so and would not have. */
  private makeLast(res: ServerResponse): void {
    if (res.headersSent || !res.shouldKeepAlive) return;
    res.shouldKeepAlive = false;
    this.lasts.add(res);
  }

  private watchEveryOpen(): void {
    for (const socket of this.sockets) {
      const latest = socket[LATEST];
      if (latest && !latest.closed) this.watch(latest);
    }
  }

  private watch(res: ServerResponse): void {
    if (this.watched.has(res)) return;
    this.watched.add(res);
    res.once('close', this.unwatch);
  }

  /**
   * A response queued behind one that closed its connection (pipelined after a `Connection: close`) is never
   * sent and never closes: with its connection gone, it is over.
   */
  private socketClosed(socket: Socket): void {
    for (const res of this.watched) {
      if (res.req.socket !== socket || res.closed) continue;
      res.off('close', this.unwatch);
      this.closed(res);
    }
  }

  private closed(res: ServerResponse): void {
    this.watched.delete(res);
    this.lasts.delete(res);
    if (this.watched.size > 0) return;
    const waiters = this.drainedWaiters;
    this.drainedWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
