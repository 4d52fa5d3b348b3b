/** The scale-out settings (docs/deploy.md): read by read-config.ts with the rest, and part of Config. */

/** Running several instances behind a cache (docs/deploy.md). Every part is off by default. */
export interface ScaleOut {
  /** redis:// or rediss:// URL of the state instances share (partner limits, keys, pulls, validators). */
  readonly redisUrl: string | undefined;
  /** Base URLs of the caches in front (http://host:port), sent PURGE <path> for each URL whose bytes changed. */
  readonly purgeUrls: readonly string[];
  /** Addresses (or IPv4 CIDR blocks) of the proxies whose X-Forwarded-For/-Proto/-Host are believed. */
  readonly trustedProxies: readonly string[];
}

export const SCALE_ENVIRONMENT = {
  COURIER_REDIS_URL: 'redis:// URL of the state several instances share (default: none, each instance its own)',
  COURIER_PURGE_URLS: 'comma-separated base URLs of caches sent PURGE for each changed feed (default: none)',
  COURIER_TRUSTED_PROXIES: 'comma-separated addresses or IPv4 CIDRs whose X-Forwarded-* headers count (default: none)',
} as const;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The scale-out settings: a Redis URL, the caches to purge, the trusted proxies; each checked for its shape. */
export function scaleOut(env: Readonly<Record<string, string | undefined>>, problems: string[]): ScaleOut {
  const list = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  const redisUrl = env.COURIER_REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push(`COURIER_REDIS_URL: expected redis://host:port or rediss://…, found ${JSON.stringify(redisUrl)}`);
  const purgeUrls = list('COURIER_PURGE_URLS').map((url) => url.replace(/\/+$/, ''));
  for (const url of purgeUrls) {
    if (!/^https?:\/\/[^/\s]+$/.test(url))
      problems.push(
        `COURIER_PURGE_URLS: expected base URLs such as http://127.0.0.1:6081, found ${JSON.stringify(url)}`,
      );
  }
  const trustedProxies = list('COURIER_TRUSTED_PROXIES');
  for (const entry of trustedProxies) {
    if (!isAddressOrBlock(entry))
      problems.push(`COURIER_TRUSTED_PROXIES: expected addresses or IPv4 CIDRs, found ${JSON.stringify(entry)}`);
  }
  return Object.freeze({
    redisUrl,
    purgeUrls: Object.freeze(purgeUrls),
    trustedProxies: Object.freeze(trustedProxies),
  });
}

function isAddressOrBlock(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  if (address.includes(':')) return bits === undefined && /^[0-9a-f:.]+$/i.test(address);
  const octets = IPV4.exec(address);
  if (!octets || octets.slice(1).some((octet) => Number(octet) > 255)) return false;
  return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
}
