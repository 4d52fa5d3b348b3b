import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, as the socket has it (no forwarded header is believed: anyone can send one);
 * an IPv4 address mapped into IPv6 as IPv4.
 */
export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
