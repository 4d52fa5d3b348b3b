import type { GuardOptions } from './guards.js';
import type { ValidatorRecord } from './output.js';
import type { ProgressListener } from './progress.js';

/** How a builder publishes: where it remembers the last published build, and the publish guards. */
export interface BuilderOptions {
  /**
   * The state folder (config.stateDir): the last published build and the last good partners are kept there
   * between runs; without one, the builder remembers within its process only.
   */
  readonly stateDir?: string | undefined;
  readonly guards?: GuardOptions;
  /** Told where each build is as it goes (progress.ts): what `courier build` shows on a terminal. */
  readonly progress?: ProgressListener;
  /**
   * The WebSub hubs the feeds name, absolute URLs or paths resolved against the site's feeds_url: public feeds
   * name `public`, partner feeds `partner` (the built-in hub only: no other hub can read them).
   */
  readonly hubs?: { readonly public: readonly string[]; readonly partner: readonly string[] };
  /** Where instances agree on the Last-Modified of new bytes (Redis, with several instances); none alone. */
  readonly validators?: ValidatorRecord | undefined;
  /** What the caches on disk are kept for (default: the running code's, lib/code-version.ts); tests give others. */
  readonly version?: string;
  /**
   * Worker threads that render article bodies (content/body-pool.ts; default: one a core less one); 0
   * renders them on the build's thread. The feeds are the same bytes either way.
   */
  readonly threads?: number;
  /**
   * Reads an unchanged published file only if its bytes are asked for (publish/on-demand.ts): for a process
   * that builds once and serves nothing (`courier build`). A server needs every file's bytes anyway.
   */
  readonly bytesOnDemand?: boolean;
}
