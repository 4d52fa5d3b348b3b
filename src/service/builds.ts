import type { ContentChanges } from '../content/load.js';
import { formatProblem, isError, type Problem } from '../content/problem.js';
import { errorMessage } from '../lib/errors.js';
import { durationMs } from '../lib/logger.js';
import { buildCounts, describeCounts, type BuildReport, type Publication } from '../publish/report.js';
import type { BuildRunnerDeps } from './build-runner-deps.js';
import { RecordLooks, type BuildReason } from './record-looks.js';
import { savePulls } from './save-pulls.js';
import { writeStatus } from './status-file.js';

export type { BuildReason } from './record-looks.js';

export const ON_REQUEST: BuildReason = { trigger: 'request', text: 'on request' };

/**
 * Builds and publishes to the served state, one build at a time: a call while a build runs joins it, whoever
 * started it (the schedule, a reload, a test). A build that throws is logged and leaves the served feeds as
 * they were. After `stop`, no build starts.
 */
export class BuildRunner {
  private running: Promise<void> | undefined;
  private lastProblems = '';
  private stopped = false;
  private readonly looks = new RecordLooks();

  constructor(private readonly deps: BuildRunnerDeps) {}

  /**
   * Runs a build now, or joins the one running (whose reason stands); resolves when it is published (or failed
   * and logged).
   */
  run(reason: BuildReason = ON_REQUEST): Promise<void> {
    if (this.stopped) return this.running ?? Promise.resolve();
    this.running ??= this.build(reason).finally(() => {
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

  private async build(reason: BuildReason): Promise<void> {
    const { builder, state, clock, elapsed, log, metrics } = this.deps;
    const started = clock();
    const startedElapsed = elapsed();
    const { trigger, changed } = reason;
    const changes = this.changesOf(reason, startedElapsed);
    const looksAt = changes === 'unknown' ? 'every record' : 'changed records';
    log.info(`build started: ${reason.text}`, { trigger, ...(changed !== undefined && { changed }), looksAt });
    try {
      const report = await builder.build(started, changes);
      const finished = clock();
      state.accept(report, finished, finished - started);
      if (report.ok && report.held === undefined && report.publication) this.tellPublished(report.publication);
      // The wall clock may have been stepped back meanwhile: a duration is never negative.
      metrics?.build(report, Math.max(0, finished - started) / 1000, finished);
      this.logProblems(report.problems);
      this.logOutcome(report, durationMs(elapsed() - startedElapsed));
      this.deps.built?.(report);
    } catch (error) {
      // A build that throws (the disk, the machine) must not stop the service: the last good feeds stay served.
      state.fail(error, clock());
      metrics?.buildFailed(Math.max(0, clock() - started) / 1000);
      const took = durationMs(elapsed() - startedElapsed);
      const message = `build failed, still serving the previous feeds: ${errorMessage(error)}`;
      log.error(message, { durationMs: took, err: error });
    }
    await savePulls(this.deps);
    await this.saveStatus();
  }

  private changesOf(reason: BuildReason, at: number): ContentChanges {
    return this.looks.changesFor(reason, this.deps.watching?.() === true, at);
  }

  /** Tells the listener of a publication; its failure (the hub's database, say) is logged, never the build's. */
  private tellPublished(publication: Publication): void {
    try {
      this.deps.published?.(publication);
    } catch (error) {
      this.deps.log.error(`could not announce the build over WebSub: ${errorMessage(error)}`, { err: error });
    }
  }

  /** Each problem once, when the set of problems changed since the last build: a warning entry each. */
  private logProblems(problems: readonly Problem[]): void {
    const text = problems.map(formatProblem).join('\n');
    if (text !== this.lastProblems) {
      for (const problem of problems) {
        const { file, field } = problem;
        this.deps.log.warn(formatProblem(problem), { file, field, severity: isError(problem) ? 'error' : 'warning' });
      }
    }
    this.lastProblems = text;
  }

  /** The end of a build: its counts, duration and thread, and why nothing was published if so. */
  private logOutcome(report: BuildReport, took: number): void {
    const { log, builder } = this.deps;
    const counts = buildCounts(report);
    const seconds = (took / 1000).toFixed(2);
    const fields = { durationMs: took, ...counts, thread: builder.threadId };
    if (!report.ok) {
      log.warn(
        `nothing built in ${seconds} s: the site settings are unusable; still serving the previous feeds`,
        fields,
      );
    } else if (report.held !== undefined) {
      const reason = report.held;
      log.warn(`build held in ${seconds} s, still serving the previous feeds: ${reason}`, { ...fields, held: reason });
    } else log.info(`build finished in ${seconds} s: ${describeCounts(counts)}`, fields);
  }

  /** The detailed status, for `courier status`; informative, so a failure to save it is logged only. */
  private async saveStatus(): Promise<void> {
    const { state, stateDir, staleAfter, clock, log } = this.deps;
    const now = clock();
    try {
      await writeStatus(stateDir, state.details(now, staleAfter), now, process.pid);
    } catch (error) {
      log.warn(`could not save the status for courier status: ${errorMessage(error)}`, { err: error });
    }
  }
}
