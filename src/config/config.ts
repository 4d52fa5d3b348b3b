import { validate as isValidCron } from 'node-cron';
import { resolve } from 'node:path';

/** How long shared caches and readers may keep a public feed, in seconds. */
export interface CachePolicy {
  readonly maxAge: number;
  readonly staleWhileRevalidate: number;
  readonly staleIfError: number;
}

/** Everything the service is configured with: read once at start, validated, frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly contentDir: string;
  readonly feedsDir: string;
  readonly schedule: string;
  readonly cache: CachePolicy;
  /** One log line per request. */
  readonly accessLog: boolean;
  /** Full downloads a partner may make a minute (conditional polls have ten times as many). */
  readonly partnerPullsPerMinute: number;
}

/** Command-line flags, which win over the environment. */
export interface Overrides {
  readonly content?: string | undefined;
  readonly out?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export const ENVIRONMENT = {
  PORT: 'port to listen on (default 3000)',
  HOST: 'address to listen on (default 0.0.0.0)',
  COURIER_CONTENT_DIR: 'folder of the records (default ./content)',
  COURIER_FEEDS_DIR: 'folder the feeds are written to (default ./feeds)',
  COURIER_SCHEDULE: 'cron expression of the build (default every minute: "* * * * *")',
  COURIER_MAX_AGE: 'Cache-Control max-age of feeds in seconds (default 300)',
  COURIER_STALE_WHILE_REVALIDATE: 'stale-while-revalidate in seconds (default 600)',
  COURIER_STALE_IF_ERROR: 'stale-if-error in seconds (default 86400)',
  COURIER_ACCESS_LOG: 'log every request: 1 or 0 (default 0)',
  COURIER_PARTNER_RATE_LIMIT: 'full downloads a partner may make a minute (default 60)',
} as const;

/** Reads the configuration, reporting every problem at once, each naming its variable. */
export function readConfig(env: Env, overrides: Overrides = {}): { config?: Config; problems: string[] } {
  const problems: string[] = [];
  const integer = (name: keyof typeof ENVIRONMENT, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      problems.push(`${name}: expected a whole number from ${min} to ${max}, found ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const schedule = env.COURIER_SCHEDULE || '* * * * *';
  const accessLog = env.COURIER_ACCESS_LOG ?? '0';
  if (accessLog !== '0' && accessLog !== '1')
    problems.push(`COURIER_ACCESS_LOG: expected 1 or 0, found ${JSON.stringify(accessLog)}`);
  if (!isValidCron(schedule))
    problems.push(
      `COURIER_SCHEDULE: expected a cron expression such as "* * * * *", found ${JSON.stringify(schedule)}`,
    );
  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    contentDir: resolve(overrides.content ?? (env.COURIER_CONTENT_DIR || 'content')),
    feedsDir: resolve(overrides.out ?? (env.COURIER_FEEDS_DIR || 'feeds')),
    schedule,
    accessLog: accessLog === '1',
    partnerPullsPerMinute: integer('COURIER_PARTNER_RATE_LIMIT', 60, 1, 100_000),
    cache: Object.freeze({
      maxAge: integer('COURIER_MAX_AGE', 300, 0, 31_536_000),
      staleWhileRevalidate: integer('COURIER_STALE_WHILE_REVALIDATE', 600, 0, 31_536_000),
      staleIfError: integer('COURIER_STALE_IF_ERROR', 86_400, 0, 31_536_000),
    }),
  };
  return problems.length > 0 ? { problems } : { config: Object.freeze(config), problems };
}
