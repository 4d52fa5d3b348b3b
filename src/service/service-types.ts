import type { Server } from 'node:http';
import type { ServiceState } from '../http/state.js';
import type { Operations } from './operations.js';
import type { ScaleOut } from './scale.js';

export type Clock = () => number;

export interface ServiceOptions {
  /**
   * Rebuild on config.schedule, on changes in the content folder and at embargo releases (the default); tests
   * that build by hand turn it off (partners.yaml is still watched, see watch-triggers.ts).
   */
  readonly schedule?: boolean;
  /**
   * A monotonic clock in ms, for the schedule's bound and the durations in the log. The entry point passes its own;
   * by default performance.now, which is never stepped and so needs no faking.
   */
  readonly elapsed?: Clock;
  /**
   * Lower every other thread of the process below the serving thread (thread-priority.ts): what `courier serve`
   * asks for, owning its process; a test that opens a service inside its runner leaves the runner's threads be.
   */
  readonly lowerOtherThreads?: boolean;
}

export interface RunningService {
  readonly server: Server;
  readonly state: ServiceState;
  readonly url: string;
  /** Resolves once the last build on disk is served and the first build has finished; the schedule then runs. */
  readonly ready: Promise<void>;
  /** Runs a build now (or joins the one running) and publishes it. */
  rebuild(): Promise<void>;
  /** Shuts down gracefully within config.shutdownTimeout (see shutdown.ts); a second call joins the first. */
  close(): Promise<void>;
  /** What operators see and the public does not: metrics, poll statistics, the metrics port (operations.ts). */
  readonly operations: Operations;
  /** Several instances: the shared state, the purges, the trusted proxies (scale.ts). */
  readonly scale: ScaleOut;
}
