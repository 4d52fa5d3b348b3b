import type { Logger } from '../lib/logger.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { errorMessage } from '../lib/errors.js';

export interface OperatorDeps {
  /** The service's metrics registry: what GET /metrics answers with. */
  readonly registry: Registry;
  /** The stats page, drawn when asked; absent when the poll statistics are off. */
  readonly statsPage?: () => string;
  readonly log: Logger;
}

/**
 * The operator's server, on a port of its own (COURIER_METRICS_PORT), never the public one: GET /metrics for
 * Prometheus and GET /stats for people. It says who polls which feed from where, so it listens on the
 * loopback unless told otherwise (COURIER_METRICS_HOST).
 */
export function createOperatorServer(deps: OperatorDeps): Server {
  return createServer((req, res) => {
    answer(deps, req, res).catch((error: unknown) => {
      // A collector that threw: logged, and the scrape fails visibly rather than with half a page.
      deps.log.error(`${req.method ?? 'GET'} ${req.url ?? ''} on the metrics port failed: ${errorMessage(error)}`, {
        err: error,
      });
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'Internal server error\n');
      else res.destroy();
    });
  });
}

async function answer(deps: OperatorDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    return;
  }
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/metrics') {
    send(res, req, 200, deps.registry.contentType, await deps.registry.metrics());
  } else if (path === '/stats' && deps.statsPage) {
    send(res, req, 200, 'text/html; charset=utf-8', deps.statsPage());
  } else if (path === '/') {
    const stats = deps.statsPage ? '<li><a href="/stats">Poll statistics</a></li>' : '';
    const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Courier: operators</title>
<ul><li><a href="/metrics">Prometheus metrics</a></li>${stats}</ul></html>\n`;
    send(res, req, 200, 'text/html; charset=utf-8', page);
  } else {
    send(res, req, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
