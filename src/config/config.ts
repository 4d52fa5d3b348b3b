import type { ScaleOut } from './scale.js';
import type { WebSubConfig } from './websub.js';

export type { ScaleOut } from './scale.js';
export { HUB_PATH, type WebSubConfig } from './websub.js';

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
  /** One log entry per request. */
  readonly accessLog: boolean;
  /** How the log is written: JSON lines, readable lines, or (auto) readable on a terminal and JSON otherwise. */
  readonly logFormat: (typeof LOG_FORMATS)[number];
  /** Full downloads a partner may make a minute (conditional polls have ten times as many). */
  readonly partnerPullsPerMinute: number;
  /**
   * Where the service keeps what it must remember and never serve: partner pulls, the last good partners and
   * records. Never inside the feeds folder, which may be served as it is.
   */
  readonly stateDir: string;
  /** The publish guards: a build that would drop more than this share (0–1) of the public articles is held. */
  readonly maxDropShare: number;
  /** Publish even when a guard holds: the operator's explicit override. */
  readonly forcePublish: boolean;
  /** Build in a worker thread, off the thread that serves (service/build-worker.ts); 0 builds on it, for debugging. */
  readonly buildInWorker: boolean;
  /** Health reports degraded when the last successful build is older than this, in seconds. */
  readonly staleAfter: number;
  /** How long a shutdown waits for a build and for responses in flight, in seconds. */
  readonly shutdownTimeout: number;
  /**
   * The operator's port, for /metrics and /stats: never the public one, and off (undefined) unless set. 0 takes
   * a free port.
   */
  readonly metricsPort: number | undefined;
  /** The address the operator's port listens on: the loopback unless told otherwise. */
  readonly metricsHost: string;
  /** Count polls by feed and client, for `courier stats` and /stats (see observe/poll-stats.ts). */
  readonly pollStats: boolean;
  /** A client that polls a public feed unconditionally more often than this, in seconds, gets 429; 0 is off. */
  readonly politenessInterval: number;
  /**
   * How the service learns of changes in the content folder (service/watch.ts): file system events, polling
   * (for network and container mounts, where events do not come), or not at all (the schedule alone).
   */
  readonly watch: (typeof WATCH_MODES)[number];
  /** How often polling looks at every file, in milliseconds (with watch 'poll'). */
  readonly watchInterval: number;
  /** Worker threads that render article bodies during a build (0: on the build's thread); default one a core. */
  readonly buildThreads: number;
  /** WebSub: the hubs the feeds name and notify, and the built-in hub (docs/websub.md). */
  readonly websub: WebSubConfig;
  /** Several instances: what they share and the cache in front of them (see scaleOut). */
  readonly scale: ScaleOut;
}

export const WATCH_MODES = ['events', 'poll', 'off'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
