import cron, { type ScheduledTask } from 'node-cron';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** The two clocks a schedule needs, both in milliseconds. */
export interface ScheduleClocks {
  /**
   * The wall clock (epoch ms), which the cron expression is read against. It must be the process's own
   * (Date.now at the entry point): node-cron works out the next slot from it too.
   */
  readonly wall: () => number;
  /** A monotonic clock (performance.now at the entry point): never stepped, so it measures how long we waited. */
  readonly elapsed: () => number;
}

export interface SchedulerDeps extends ScheduleClocks {
  readonly expression: string;
  /** Runs a build, or joins the one running. Never rejects: a failed build is the caller's to report. */
  readonly build: () => Promise<void>;
  readonly log: Logger;
}

/** The wall clock is looked at least this often, so one stepped forward past a slot is noticed this soon. */
export const MAX_SLEEP_MS = 60_000;
/** Two builds never start closer together than this, whatever either clock says. */
export const MIN_SPACING_MS = 500;
/** A change of (wall - monotonic) by more than this is a step of the wall clock, worth a line in the log. */
const STEP_MS = 2_000;

/** How much later than the schedule asked, by the monotonic clock, a build is overdue: 10% of the wait, 1–60 s. */
export function slackFor(waitMs: number): number {
  return Math.min(60_000, Math.max(1_000, waitMs / 10));
}

/** The next build, as planned when the previous one finished. */
interface Plan {
  /** The slot, by the wall clock. */
  readonly slot: number;
  /** When the build is overdue, by the monotonic clock: the wait the slot asked for, plus slack. */
  readonly deadline: number;
  /** wall - elapsed when planned: it changes only when the wall clock is stepped. */
  readonly offset: number;
}

/**
 * Runs builds on a cron expression through wall-clock steps in either direction. node-cron reads the
 * expression (its next slot after now); the waiting is ours, on timers (which Node runs on a monotonic clock)
 * and checked against both clocks:
 *
 * - the slot is due when the wall clock reaches it, looked at at least every MAX_SLEEP_MS, so a wall clock
 *   stepped forward past a slot (or a VM resumed) gives one build at once, never one per skipped slot;
 * - the build is overdue when the monotonic clock says we have waited longer than the slot asked for, plus
 *   slack: the wall clock was stepped back. It runs then, and the next slot is planned from the new time.
 *
 * One build at a time: the next is planned when the last one finishes, and a build started elsewhere
 * (Service.rebuild) is joined, not doubled. node-cron's own runner is not used: stepped back, it waits for
 * the old slot (two hours back, no build for two hours); stepped forward, it walks every skipped slot
 * (about 150 µs each, so a year of minutes blocks the event loop for over a minute).
 */
export class Scheduler {
  /** Never started: it only reads the expression. */
  private readonly cron: ScheduledTask;
  private plan: Plan | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastStart = -Infinity;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.cron = cron.createTask(deps.expression, () => undefined, { name: 'courier-build' });
  }

  /** Plans the first build: the next slot after now. */
  start(): void {
    this.arm();
  }

  /** Plans no more builds. A build already running goes on: its owner decides whether to wait for it. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    void this.cron.destroy();
  }

  private arm(): void {
    if (this.stopped) return;
    const wall = this.deps.wall();
    const now = this.deps.elapsed();
    const slot = this.cron.getNextRuns(1)[0]?.getTime() ?? wall + MAX_SLEEP_MS;
    const wait = Math.max(0, slot - wall);
    this.plan = { slot, deadline: now + wait + slackFor(wait), offset: wall - now };
    this.sleep(Math.min(wait, MAX_SLEEP_MS));
  }

  private check(plan: Plan): void {
    const wall = this.deps.wall();
    const now = this.deps.elapsed();
    const step = wall - now - plan.offset;
    if (wall >= plan.slot) {
      if (step > STEP_MS) this.deps.log.warn(`the wall clock went forward ${seconds(step)}; building once now`);
      this.due();
    } else if (now >= plan.deadline) {
      const back = `the wall clock went back ${seconds(-step)}`;
      this.deps.log.warn(`${back}; building now, as the schedule would have, and planning from the new time`);
      this.due();
    } else {
      this.sleep(Math.min(plan.slot - wall, plan.deadline - now, MAX_SLEEP_MS));
    }
  }

  private due(): void {
    const sinceLast = this.deps.elapsed() - this.lastStart;
    if (sinceLast < MIN_SPACING_MS) {
      this.timer = setTimeout(() => this.due(), MIN_SPACING_MS - sinceLast).unref();
      return;
    }
    this.lastStart = this.deps.elapsed();
    this.plan = undefined;
    this.deps.build().then(
      () => this.arm(),
      (error: unknown) => {
        // build() is not meant to reject; if it does, say so and keep the schedule going.
        this.deps.log.error(`a scheduled build failed unexpectedly: ${errorMessage(error)}`, { err: error });
        this.arm();
      },
    );
  }

  private sleep(ms: number): void {
    const plan = this.plan;
    if (this.stopped || !plan) return;
    // Unref'd: the server keeps the process alive, the schedule alone does not.
    this.timer = setTimeout(() => this.check(plan), Math.max(0, Math.ceil(ms))).unref();
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
