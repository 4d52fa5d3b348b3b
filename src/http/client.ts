import type { IncomingMessage } from 'node:http';

/** Which socket addresses are proxies whose forwarded headers are believed (config.scale.trustedProxies). */
export type TrustProxy = (address: string) => boolean;

/** Nobody's forwarded headers are believed: anyone can send one. */
export const TRUST_NOBODY: TrustProxy = () => false;

/**
 * The address a request came from: the socket's (an IPv4 address mapped into IPv6 as IPv4), or, when the socket
 * is a trusted proxy, the last address in X-Forwarded-For that is not one (each proxy appends the address it was
 * reached from, so addresses left of an untrusted one may be forged).
 */
export function clientAddress(req: IncomingMessage, trusted: TrustProxy = TRUST_NOBODY): string {
  const socket = plain(req.socket.remoteAddress ?? 'unknown');
  if (!trusted(socket)) return socket;
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded !== 'string') return socket;
  const hops = forwarded.split(',');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = plain((hops[index] ?? '').trim());
    if (hop === '') break;
    if (index === 0 || !trusted(hop)) return hop;
  }
  return socket;
}

function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * A TrustProxy for addresses and IPv4 CIDR blocks (as config/scale.ts validates them); none believes nobody.
 * IPv6 addresses are compared whole, as written.
 */
export function trustProxies(entries: readonly string[]): TrustProxy {
  if (entries.length === 0) return TRUST_NOBODY;
  const exact = new Set<string>();
  const blocks: Array<{ base: number; mask: number }> = [];
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const base = ipv4(address);
    if (bits === undefined || base === undefined) exact.add(address.toLowerCase());
    else {
      const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
      blocks.push({ base: (base & mask) >>> 0, mask });
    }
  }
  return (address) => {
    if (exact.has(address.toLowerCase())) return true;
    const value = ipv4(address);
    return value !== undefined && blocks.some(({ base, mask }) => (value & mask) >>> 0 === base);
  };
}

function ipv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Whether the request asks for the feed only if it changed: If-None-Match or If-Modified-Since. */
export function isConditional(req: IncomingMessage): boolean {
  return req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
}
