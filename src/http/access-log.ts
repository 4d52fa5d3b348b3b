import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { durationMs, type Logger } from '../lib/logger.js';
import { clientAddress, TRUST_NOBODY, type TrustProxy } from './client.js';
import { redactKeys } from './redact.js';

/**
 * The listener, logging an entry for every response once it is done: `GET /feeds/rss.xml 200`, with the method,
 * the path (partner keys redacted), the status, the body's bytes, the duration in ms, the client's address, its
 * User-Agent and whether it asked conditionally: enough to see who polls how, and nothing secret. A response
 * cut off before its end (the client went, a shutdown's deadline) says `aborted`, without bytes.
 */
export function withAccessLog(
  listener: RequestListener,
  log: Logger,
  elapsed: () => number,
  trust: TrustProxy = TRUST_NOBODY,
): RequestListener {
  return (req, res) => {
    const started = elapsed();
    const client = clientAddress(req, trust);
    const body = countBody(res);
    res.once('close', () => {
      const finished = res.writableFinished;
      const duration = durationMs(elapsed() - started);
      log.info(...accessEntry(req, res, { client, duration, bytes: finished ? body.bytes(req) : undefined }));
    });
    listener(req, res);
  };
}

interface Measured {
  readonly client: string;
  readonly duration: number;
  readonly bytes: number | undefined;
}

function accessEntry(req: IncomingMessage, res: ServerResponse, measured: Measured): Parameters<Logger['info']> {
  const path = redactKeys(req.url ?? '');
  const method = req.method ?? '-';
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  const aborted = measured.bytes === undefined ? { aborted: true } : {};
  const fields = {
    method,
    path,
    status: res.statusCode,
    bytes: measured.bytes,
    durationMs: measured.duration,
    client: measured.client,
    userAgent: redactKeys(req.headers['user-agent'] ?? ''),
    conditional,
    ...aborted,
  };
  return [`${method} ${path} ${res.statusCode}`, fields];
}

type Chunk = string | Uint8Array;

/**
 * Counts the body bytes a response is given, whichever path wrote it: the fast path sends its headers with
 * writeHead's raw list, which `getHeader('content-length')` cannot read back. A HEAD, a 204 or a 304 sends none.
 */
function countBody(res: ServerResponse): { bytes: (req: IncomingMessage) => number } {
  let bytes = 0;
  const add = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk, isEncoding(encoding) ? encoding : 'utf8');
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    add(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') add(args[0], args[1]);
    return end(...args);
  }) as ServerResponse['end'];
  return {
    bytes: (req) => (req.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304 ? 0 : bytes),
  };
}

function isEncoding(value: unknown): value is BufferEncoding {
  return typeof value === 'string' && Buffer.isEncoding(value);
}
