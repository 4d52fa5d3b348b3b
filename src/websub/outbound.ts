import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './address-guard.js';

/** One outbound request of the hub or the publisher. */
export interface Outbound {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: Buffer;
  /** The whole exchange, connection to the last byte of the answer, in ms. */
  readonly timeoutMs: number;
  /** Bytes of the answer's body kept; a longer answer is cut (and reads as `truncated`). */
  readonly maxResponseBytes: number;
  /** Connect to this address, already checked, instead of resolving the host again. */
  readonly address?: CheckedAddress;
  /** Aborts the exchange (a shutdown). */
  readonly signal?: AbortSignal | undefined;
}

export interface Answer {
  readonly status: number;
  readonly body: Buffer;
  readonly truncated: boolean;
}

/**
 * Sends one request with node:http(s) and reads at most `maxResponseBytes` of the answer, within `timeoutMs`
 * for everything: a subscriber that never answers, or answers forever, costs one slot for that long and no more.
 * Rejects on a network error or the timeout; any HTTP status resolves.
 */
export function send(outbound: Outbound): Promise<Answer> {
  const { url, method, headers = {}, body, timeoutMs, maxResponseBytes, address, signal } = outbound;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const lookup: LookupFunction | undefined = address && pinned(address);
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, {
      method,
      headers: { ...headers, ...(body && { 'Content-Length': String(body.length) }) },
      ...(lookup && { lookup }),
      ...(signal && { signal }),
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const done = () => clearTimeout(timer);
    req.once('error', (error) => {
      done();
      reject(error);
    });
    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxResponseBytes) {
          truncated = true;
          chunks.push(chunk.subarray(0, maxResponseBytes - size));
          size = maxResponseBytes;
          done();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), truncated });
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.once('end', () => {
        done();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), truncated });
      });
      res.once('error', (error) => {
        done();
        reject(error);
      });
    });
    req.end(body);
  });
}

/** A lookup that answers with the checked address whatever it is asked: the connection goes there. */
function pinned({ address, family }: CheckedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** `application/x-www-form-urlencoded` of a request to a hub, as a body. */
export function formBody(fields: Readonly<Record<string, string>>): Buffer {
  return Buffer.from(new URLSearchParams(fields).toString());
}
