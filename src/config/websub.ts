/** The WebSub settings (docs/websub.md): read by read-config.ts with the rest, and part of Config. */

/** WebSub: which hubs the feeds declare and are announced to, and the built-in hub's settings. */
export interface WebSubConfig {
  /** Hubs of others, absolute URLs, notified (hub.mode=publish) after every build that changes a public feed. */
  readonly hubs: readonly string[];
  /** The built-in hub at HUB_PATH on the public port: off unless turned on. */
  readonly hub: boolean;
  /** The built-in hub's public URL, as feeds name it; by default HUB_PATH resolved against the site's feeds_url. */
  readonly hubUrl: string;
  /** Callbacks at private, loopback or link-local addresses: refused unless this is set (tests only). */
  readonly allowPrivateCallbacks: boolean;
  /** Leases the built-in hub grants, in seconds: the default and its bounds. */
  readonly lease: { readonly default: number; readonly min: number; readonly max: number };
}

/** The built-in hub's path on the public port. Named in feeds, so permanent. */
export const HUB_PATH = '/hub';

export const WEBSUB_ENVIRONMENT = {
  COURIER_WEBSUB_HUBS: 'WebSub hubs the feeds name and notify, comma-separated absolute URLs (default: none)',
  COURIER_HUB: 'run the built-in WebSub hub at /hub on the public port: 1 or 0 (default 0)',
  COURIER_HUB_URL: 'public URL of the built-in hub, as feeds name it (default /hub on the feeds_url of site.yaml)',
  COURIER_HUB_ALLOW_PRIVATE_CALLBACKS:
    'let callbacks reach private and loopback addresses: 1 or 0, tests only (default 0)',
  COURIER_HUB_LEASE_SECONDS: 'lease the built-in hub grants when none is asked (default 864000: ten days)',
  COURIER_HUB_MIN_LEASE_SECONDS: 'shortest lease the built-in hub grants (default 3600)',
  COURIER_HUB_MAX_LEASE_SECONDS: 'longest lease the built-in hub grants (default 2592000: thirty days)',
} as const;

/** The WebSub settings: hub URLs must be absolute http(s) URLs, and the lease bounds must hold the default. */
export function websub(
  env: Readonly<Record<string, string | undefined>>,
  integer: (name: keyof typeof WEBSUB_ENVIRONMENT, fallback: number, min: number, max: number) => number,
  flag: (name: keyof typeof WEBSUB_ENVIRONMENT, fallback?: boolean) => boolean,
  problems: string[],
): WebSubConfig {
  const url = (name: keyof typeof WEBSUB_ENVIRONMENT, text: string): string => {
    if (URL.canParse(text) && /^https?:$/.test(new URL(text).protocol)) return new URL(text).href;
    problems.push(`${name}: expected an absolute http or https URL, found ${JSON.stringify(text)}`);
    return text;
  };
  const listed = (env.COURIER_WEBSUB_HUBS ?? '').split(',').map((text) => text.trim());
  const hubs = listed.filter((text) => text !== '').map((text) => url('COURIER_WEBSUB_HUBS', text));
  const lease = {
    default: integer('COURIER_HUB_LEASE_SECONDS', 864_000, 1, 31_536_000),
    min: integer('COURIER_HUB_MIN_LEASE_SECONDS', 3600, 1, 31_536_000),
    max: integer('COURIER_HUB_MAX_LEASE_SECONDS', 2_592_000, 1, 31_536_000),
  };
  if (lease.min > lease.default || lease.default > lease.max)
    problems.push('COURIER_HUB_LEASE_SECONDS: expected MIN_LEASE <= LEASE <= MAX_LEASE');
  return Object.freeze({
    hubs: Object.freeze(hubs),
    hub: flag('COURIER_HUB'),
    hubUrl: env.COURIER_HUB_URL ? url('COURIER_HUB_URL', env.COURIER_HUB_URL) : HUB_PATH,
    allowPrivateCallbacks: flag('COURIER_HUB_ALLOW_PRIVATE_CALLBACKS'),
    lease: Object.freeze(lease),
  });
}
