import { MAX_SLEEP_MS, type ScheduleClocks } from './scheduler.js';

export interface ReleaseTimerDeps extends Pick<ScheduleClocks, 'wall'> {
  /** Called once the wall clock has reached `at`, the release planned last. */
  readonly release: (at: number) => void;
  /** The longest sleep between looks at the wall clock; MAX_SLEEP_MS unless a test needs it shorter. */
  readonly maxSleepMs?: number;
}

/**
 * Waits for one moment by the wall clock, the next embargo's end (a build's `nextRelease`), so an embargoed
 * article is published at its second rather than at the next slot of the schedule. Each build plans it again
 * (`plan`), replacing the last plan.
 *
 * The wait is on a timer (Node runs timers on a monotonic clock) in sleeps of at most MAX_SLEEP_MS, and each
 * wake-up asks the wall clock itself, since the embargo is a moment of the wall clock: stepped forward past the
 * moment, the release is seen within MAX_SLEEP_MS (and the schedule builds too); stepped back, it waits for the
 * wall clock to come round again (a build before then would not release the article anyway). A wake-up a little
 * early, as timers may be, sleeps the rest.
 */
export class ReleaseTimer {
  private timer: NodeJS.Timeout | undefined;
  private at: number | undefined;
  private stopped = false;

  constructor(private readonly deps: ReleaseTimerDeps) {}

  /** Plans the release at `at` (epoch ms), or none when undefined, in place of any planned before. */
  plan(at: number | undefined): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.at = at;
    if (at !== undefined) this.check(at);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private check(at: number): void {
    if (this.stopped || this.at !== at) return;
    const wait = at - this.deps.wall();
    if (wait <= 0) {
      this.at = undefined;
      this.deps.release(at);
      return;
    }
    // Unref'd: the server keeps the process alive, a planned release alone does not.
    this.timer = setTimeout(() => this.check(at), Math.min(Math.ceil(wait), this.deps.maxSleepMs ?? MAX_SLEEP_MS));
    this.timer.unref();
  }
}
