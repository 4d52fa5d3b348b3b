/**
 * The serve benchmark's baseline (serve.ts): node:http alone, one preloaded body and two preloaded header lists,
 * an exact If-None-Match comparison and nothing else (no encoding negotiation: it always sends the gzip bytes).
 *
 *   node dist/bench/bare-server.js <spec.json>
 *
 * The spec (BareSpec) holds the bytes and headers taken from Courier's own responses. It listens on 127.0.0.1,
 * a port of the system's choosing, and writes its address as the first line of its output. It ends on SIGTERM,
 * when its standard input closes (the benchmark went away), or after LIFETIME_MS whatever happens.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareSpec {
  readonly path: string;
  /** The gzip bytes, base64. */
  readonly body: string;
  /** The header lists of the 200 and of the 304, [name, value, …]. */
  readonly ok: readonly string[];
  readonly notModified: readonly string[];
  readonly etag: string;
}

const LIFETIME_MS = 30 * 60_000;

function serve(spec: BareSpec): void {
  const body = Buffer.from(spec.body, 'base64');
  const ok = [...spec.ok];
  const notModified = [...spec.notModified];
  const server = createServer((req, res) => {
    if (req.url === spec.path && (req.method === 'GET' || req.method === 'HEAD')) {
      if (req.headers['if-none-match'] === spec.etag) {
        res.writeHead(304, notModified);
        res.end();
      } else {
        res.writeHead(200, ok);
        res.end(req.method === 'HEAD' ? undefined : body);
      }
      return;
    }
    res.writeHead(404, ['Content-Type', 'text/plain']);
    res.end('Not found\n');
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`http://127.0.0.1:${port}/\n`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.stdin.on('end', stop).resume();
  setTimeout(() => process.exit(3), LIFETIME_MS).unref();
}

const specFile = process.argv[2];
if (!specFile) {
  process.stderr.write('usage: node dist/bench/bare-server.js <spec.json>\n');
  process.exitCode = 2;
} else {
  serve(JSON.parse(readFileSync(specFile, 'utf8')) as BareSpec);
}
