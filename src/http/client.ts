import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, as the socket has it (no forwarded header is believed: anyone can send
 * one); an IPv4 address mapped into IPv6 as IPv4.
 */
export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** Whether the request asks for the feed only if it changed: If-None-Match or If-Modified-Since. */
export function isConditional(req: IncomingMessage): boolean {
  return req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
}
