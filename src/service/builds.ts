import { formatProblem } from '../content/problem.js';
import type { ServiceState } from '../http/state.js';
import type { CourierMetrics } from '../observe/metrics.js';
import { errorMessage } from '../lib/errors.js';
import { writePulls } from '../partners/pulls.js';
import type { Builder } from '../publish/builder.js';
import { writeStatus } from './status-file.js';

export interface BuildRunnerDeps {
  readonly builder: Builder;
  readonly state: ServiceState;
  /** Where partner pulls and the detailed status (for `courier status`) are saved after each build. */
  readonly stateDir: string;
  /** Seconds after the last successful build at which the status says degraded. */
  readonly staleAfter: number;
  /** The wall clock: what a build is made as of, and when it finished. */
  readonly clock: () => number;
  readonly log: (line: string) => void;
  /** Where builds are counted and timed; none when absent. */
  readonly metrics?: CourierMetrics | undefined;
}

/**
 * Builds and publishes to the served state, one build at a time: a call while a build runs joins it, whoever
 * started it (the schedule, a reload, a test). A build that throws is logged and leaves the served feeds as
 * they were. After `stop`, no build starts.
 */
export class BuildRunner {
  private running: Promise<void> | undefined;
  private lastProblems = '';
  private stopped = false;

  constructor(private readonly deps: BuildRunnerDeps) {}

  /** Runs a build now, or joins the one running; resolves when it is published (or failed and logged). */
  run(): Promise<void> {
    if (this.stopped) return this.running ?? Promise.resolve();
    this.running ??= this.build().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The build in progress, if any. */
  get current(): Promise<void> | undefined {
    return this.running;
  }

  /** Starts no more builds; the one running, if any, goes on. */
  stop(): void {
    this.stopped = true;
  }

  private async build(): Promise<void> {
    const { builder, state, clock, log, metrics } = this.deps;
    const started = clock();
    try {
      const report = await builder.build(started);
      const finished = clock();
      state.accept(report, finished, finished - started);
      // The wall clock may have been stepped back meanwhile: a duration is never negative.
      metrics?.build(report, Math.max(0, finished - started) / 1000, finished);
      const problems = report.problems.map(formatProblem).join('\n');
      if (problems !== this.lastProblems && problems !== '') log(`courier: problems in the content:\n${problems}`);
      this.lastProblems = problems;
      if (report.held !== undefined) log(`courier: build held, still serving the previous feeds: ${report.held}`);
      if (report.written.length > 0 || report.removed.length > 0) {
        const { publicArticles, written, removed } = report;
        const files = report.publication?.files ?? [];
        const changes = `wrote ${written.length}, removed ${removed.length}`;
        log(`courier: built ${publicArticles} articles into ${files.length} files; ${changes}`);
      }
    } catch (error) {
      // A build that throws (the disk, the machine) must not stop the service: the last good feeds stay served.
      state.fail(error, clock());
      metrics?.buildFailed(Math.max(0, clock() - started) / 1000);
      const reason = error instanceof Error ? error.stack : String(error);
      log(`courier: build failed, still serving the previous feeds: ${reason}`);
    }
    await savePulls(this.deps);
    await this.saveStatus();
  }

  /** The detailed status, for `courier status`; informative, so a failure to save it is logged only. */
  private async saveStatus(): Promise<void> {
    const { state, stateDir, staleAfter, clock, log } = this.deps;
    const now = clock();
    try {
      await writeStatus(stateDir, state.details(now, staleAfter), now, process.pid);
    } catch (error) {
      log(`courier: could not save the status for courier status: ${errorMessage(error)}`);
    }
  }
}

/** Saves the partner pulls recorded since the last save; a failure is logged and retried at the next save. */
export async function savePulls({
  state,
  stateDir,
  log,
}: Pick<BuildRunnerDeps, 'state' | 'stateDir' | 'log'>): Promise<void> {
  if (!state.pullsChanged) return;
  state.pullsChanged = false;
  try {
    await writePulls(stateDir, state.pulls);
  } catch (error) {
    // The record is informative: it must never stop a build or a shutdown. Kept as changed, so it is tried again.
    state.pullsChanged = true;
    log(`courier: could not save partner pulls: ${errorMessage(error)}`);
  }
}
