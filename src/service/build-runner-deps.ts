import type { ServiceState } from '../http/state.js';
import type { Logger } from '../lib/logger.js';
import type { CourierMetrics } from '../observe/metrics.js';
import type { BuildReport, Publication } from '../publish/report.js';
import type { BuildEngine } from './build-engine.js';

export interface BuildRunnerDeps {
  readonly builder: Pick<BuildEngine, 'build' | 'threadId'>;
  readonly state: ServiceState;
  /** Where partner pulls and the detailed status (for `courier status`) are saved after each build. */
  readonly stateDir: string;
  /** Seconds after the last successful build at which the status says degraded. */
  readonly staleAfter: number;
  /** The wall clock: what a build is made as of, and when it finished. */
  readonly clock: () => number;
  /** A monotonic clock in ms, never stepped: how long a build took, for the log. */
  readonly elapsed: () => number;
  readonly log: Logger;
  /** Where builds are counted and timed; none when absent. */
  readonly metrics?: CourierMetrics | undefined;
  /** Told of every build that finished with a report, whoever started it: the embargo timer plans from it. */
  readonly built?: ((report: BuildReport) => void) | undefined;
  /** Told of each build published, once it is served (WebSub: notifications and pushes); must not wait. */
  readonly published?: (publication: Publication) => void;
  /** Whether a watch of the content folder is seeing its changes: only then are a reason's `files` trusted. */
  readonly watching?: () => boolean;
}
