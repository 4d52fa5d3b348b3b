import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** An address a request is made to: resolved once, checked, and the connection made to it and no other. */
export interface CheckedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Why a callback was refused, in words a subscriber can act on. */
export class RefusedAddress extends Error {}

/**
 * Addresses a stranger's callback must never reach (the hub's own machine, its network, cloud metadata):
 * loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, "this network", benchmarking,
 * multicast and reserved ranges.
 */
function blockList(): BlockList {
  const list = new BlockList();
  const v4: Array<[string, number]> = [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ];
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  const v6: Array<[string, number]> = [
    ['::', 128],
    ['::1', 128],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
    ['64:ff9b::', 96],
  ];
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

/**
 * Resolves a callback's host once and checks every address it resolves to; the request is then made to the
 * checked address (see outbound.ts), so a name that resolves elsewhere the second time (DNS rebinding) gains
 * nothing. With `allowPrivate` (tests, a hub inside a private network) nothing is refused.
 */
export class AddressGuard {
  private readonly blocked = blockList();

  constructor(private readonly allowPrivate: boolean) {}

  async check(hostname: string): Promise<CheckedAddress> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    const found = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await lookup(host, { all: true, verbatim: true }).catch((error: unknown) => {
          // A name that does not resolve is the subscriber's mistake: refused, in words, not thrown.
          throw new RefusedAddress(`the callback's host does not resolve (${(error as Error).message})`);
        });
    const [first] = found;
    if (!first) throw new RefusedAddress("the callback's host resolves to no address");
    if (!this.allowPrivate) {
      const bad = found.find(({ address, family }) => this.isBlocked(address, family));
      if (bad) throw new RefusedAddress(`the callback resolves to ${bad.address}, a private or local address`);
    }
    return { address: first.address, family: first.family === 6 ? 6 : 4 };
  }

  private isBlocked(address: string, family: number): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return this.blocked.check(mapped[1], 'ipv4');
    return this.blocked.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}
