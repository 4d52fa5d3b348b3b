import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { validate } from 'node-cron';
import { LOG_FORMATS, WATCH_MODES, type Config } from './config.js';
import { scaleOut, SCALE_ENVIRONMENT } from './scale.js';
import { websub, WEBSUB_ENVIRONMENT } from './websub.js';

const DEFAULT_SCHEDULE = '* * * * *';

/** node-cron's check, loaded only for a schedule that was given (a new process of `courier build` never needs it). */
function isValidCron(expression: string): boolean {
  return (createRequire(import.meta.url)('node-cron') as { validate: typeof validate }).validate(expression);
}

/** Command-line flags, which win over the environment. */
export interface Overrides {
  readonly content?: string | undefined;
  readonly out?: string | undefined;
  readonly state?: string | undefined;
  /** --force: publish even when a guard holds. */
  readonly force?: boolean | undefined;
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
  COURIER_LOG_FORMAT: 'json (a JSON line an entry), pretty, or auto: pretty on a terminal, else json (default auto)',
  COURIER_PARTNER_RATE_LIMIT: 'full downloads a partner may make a minute (default 60)',
  COURIER_STATE_DIR: 'folder of what the service remembers and never serves (default .courier-state beside the feeds)',
  COURIER_MAX_DROP: 'percent of the public articles a build may drop before publishing is held (default 10)',
  COURIER_FORCE_PUBLISH: 'publish even when a guard holds: 1 or 0 (default 0)',
  COURIER_BUILD_IN_WORKER: 'build in a worker thread, off the serving thread: 1 or 0 (default 1; 0 for debugging)',
  COURIER_STALE_AFTER: 'seconds after the last successful build at which health says degraded (default 900)',
  COURIER_SHUTDOWN_TIMEOUT: 'seconds a shutdown waits for a build and responses in flight (default 10)',
  COURIER_METRICS_PORT: 'port of /metrics and /stats, for operators only, never the public port (default: off)',
  COURIER_METRICS_HOST: 'address the metrics port listens on (default 127.0.0.1)',
  COURIER_STATS: 'count polls by feed and client for courier stats and /stats: 1 or 0 (default 1)',
  COURIER_POLITENESS_INTERVAL: 'seconds: a client polling a feed unconditionally more often gets 429 (default 0: off)',
  COURIER_WATCH:
    'how changes in the content folder are noticed: events, poll (network or container mounts) or off (default events)',
  COURIER_WATCH_INTERVAL: 'milliseconds between looks at every file with COURIER_WATCH=poll (default 1000)',
  COURIER_BUILD_THREADS: 'worker threads rendering article bodies in a build, 0 for none (default: one a core)',
  ...WEBSUB_ENVIRONMENT,
  ...SCALE_ENVIRONMENT,
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
  const flag = (name: keyof typeof ENVIRONMENT, fallback = false): boolean => {
    const raw = env[name] || (fallback ? '1' : '0');
    if (raw !== '0' && raw !== '1') problems.push(`${name}: expected 1 or 0, found ${JSON.stringify(raw)}`);
    return raw === '1';
  };
  const logFormatText = env.COURIER_LOG_FORMAT || 'auto';
  const logFormat = LOG_FORMATS.find((format) => format === logFormatText);
  if (!logFormat)
    problems.push(`COURIER_LOG_FORMAT: expected json, pretty or auto, found ${JSON.stringify(logFormatText)}`);
  const watchText = env.COURIER_WATCH || 'events';
  const watch = WATCH_MODES.find((mode) => mode === watchText);
  if (!watch) problems.push(`COURIER_WATCH: expected events, poll or off, found ${JSON.stringify(watchText)}`);
  const schedule = env.COURIER_SCHEDULE || DEFAULT_SCHEDULE;
  const feedsDir = resolve(overrides.out ?? (env.COURIER_FEEDS_DIR || 'feeds'));
  if (schedule !== DEFAULT_SCHEDULE && !isValidCron(schedule))
    problems.push(
      `COURIER_SCHEDULE: expected a cron expression such as "* * * * *", found ${JSON.stringify(schedule)}`,
    );
  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    contentDir: resolve(overrides.content ?? (env.COURIER_CONTENT_DIR || 'content')),
    feedsDir,
    schedule,
    accessLog: flag('COURIER_ACCESS_LOG'),
    logFormat: logFormat ?? 'auto',
    partnerPullsPerMinute: integer('COURIER_PARTNER_RATE_LIMIT', 60, 1, 100_000),
    stateDir: resolve(overrides.state ?? (env.COURIER_STATE_DIR || join(dirname(feedsDir), '.courier-state'))),
    maxDropShare: integer('COURIER_MAX_DROP', 10, 0, 100) / 100,
    forcePublish: overrides.force === true || flag('COURIER_FORCE_PUBLISH'),
    buildInWorker: flag('COURIER_BUILD_IN_WORKER', true),
    staleAfter: integer('COURIER_STALE_AFTER', 900, 1, 31_536_000),
    shutdownTimeout: integer('COURIER_SHUTDOWN_TIMEOUT', 10, 0, 3600),
    watch: watch ?? 'events',
    watchInterval: integer('COURIER_WATCH_INTERVAL', 1000, 100, 60_000),
    buildThreads: integer('COURIER_BUILD_THREADS', defaultBodyThreads(), 0, 256),
    ...operations(env, integer, flag, problems),
    websub: websub(env, integer, flag, problems),
    scale: scaleOut(env, problems),
    cache: Object.freeze({
      maxAge: integer('COURIER_MAX_AGE', 300, 0, 31_536_000),
      staleWhileRevalidate: integer('COURIER_STALE_WHILE_REVALIDATE', 600, 0, 31_536_000),
      staleIfError: integer('COURIER_STALE_IF_ERROR', 86_400, 0, 31_536_000),
    }),
  };
  return problems.length > 0 ? { problems } : { config: Object.freeze(config), problems };
}

type Operations = Pick<Config, 'metricsPort' | 'metricsHost' | 'pollStats' | 'politenessInterval'>;

/** The operator's settings: the metrics port (off unless set, never the public port), statistics, politeness. */
function operations(
  env: Env,
  integer: (name: keyof typeof ENVIRONMENT, fallback: number, min: number, max: number) => number,
  flag: (name: keyof typeof ENVIRONMENT, fallback?: boolean) => boolean,
  problems: string[],
): Operations {
  const metricsPort = env.COURIER_METRICS_PORT ? integer('COURIER_METRICS_PORT', 0, 0, 65535) : undefined;
  const publicPort = Number(env.PORT || 3000);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === publicPort)
    problems.push(`COURIER_METRICS_PORT: must differ from PORT (${publicPort}): the metrics are never public`);
  const pollStats = flag('COURIER_STATS', true);
  const politenessInterval = integer('COURIER_POLITENESS_INTERVAL', 0, 0, 86_400);
  if (politenessInterval > 0 && !pollStats)
    problems.push('COURIER_POLITENESS_INTERVAL: needs COURIER_STATS=1, since the policy reads the poll statistics');
  return { metricsPort, metricsHost: env.COURIER_METRICS_HOST || '127.0.0.1', pollStats, politenessInterval };
}

/** One thread a core but the build's own, which renders the pages meanwhile: at least one. */
function defaultBodyThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}
