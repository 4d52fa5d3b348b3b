import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { BuildReason, BuildRunner } from './builds.js';

/** A burst of changes is built once it has been quiet this long… */
export const QUIET_MS = 100;
/** …or once its first change is this old, whichever comes first, so a change that never rests is still built. */
export const MAX_WAIT_MS = 1000;

export interface BuildTriggerDeps {
  readonly builds: Pick<BuildRunner, 'run' | 'current'>;
  /** A monotonic clock in ms: how long a burst has been quiet. */
  readonly elapsed: () => number;
  readonly log: Logger;
}

/**
 * Turns changed files and embargo releases into builds, without losing one or piling them up:
 *
 * - changes are gathered into one build, started QUIET_MS after the last (a `git pull` of 500 files is one
 *   build), or MAX_WAIT_MS after the first of a burst that never rests;
 * - a release is built at once;
 * - a build always starts after the change or the release it is for: if one is running (whoever started it),
 *   it may have read the folder before the change, so it is waited for and a build of its own follows;
 * - while that build runs, further changes and releases mark it dirty and make exactly one build after it.
 */
export class BuildTrigger {
  private readonly files = new Set<string>();
  private releases: number[] = [];
  private firstAt: number | undefined;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly deps: BuildTriggerDeps) {}

  /** A file of the content folder changed (its path, relative to the folder). */
  changed(file: string): void {
    this.files.add(file);
    this.lastAt = this.deps.elapsed();
    this.firstAt ??= this.lastAt;
    this.wake();
  }

  /** An embargo ends now: `at` is its moment (epoch ms). */
  release(at: number): void {
    this.releases.push(at);
    this.wake();
  }

  /** Starts no more builds; one running goes on. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private get pending(): boolean {
    return this.files.size > 0 || this.releases.length > 0;
  }

  /** Plans the next build for what is pending; while a build of ours runs, its end does. */
  private wake(): void {
    if (this.stopped || this.running || !this.pending) return;
    clearTimeout(this.timer);
    const now = this.deps.elapsed();
    const delay =
      this.releases.length > 0 || this.firstAt === undefined
        ? 0
        : Math.min(QUIET_MS - (now - this.lastAt), MAX_WAIT_MS - (now - this.firstAt));
    this.timer = setTimeout(() => this.start(), Math.max(0, delay));
  }

  private start(): void {
    if (this.stopped || this.running) return;
    this.running = this.buildPending()
      .catch((error: unknown) => {
        // BuildRunner.run logs its own failures and does not reject; if it does, say so and keep watching.
        this.deps.log.error(`a triggered build failed unexpectedly: ${errorMessage(error)}`, { err: error });
      })
      .finally(() => {
        this.running = undefined;
        this.wake();
      });
  }

  private async buildPending(): Promise<void> {
    const { builds } = this.deps;
    // A build that is running may have read the folder before the change: ours starts after it.
    while (builds.current) await builds.current;
    if (this.stopped) return;
    const reason = this.reason();
    this.files.clear();
    this.releases = [];
    this.firstAt = undefined;
    await builds.run(reason);
  }

  private reason(): BuildReason {
    const changed = this.files.size;
    const files = `${changed} ${changed === 1 ? 'file' : 'files'} changed`;
    const named = { files: [...this.files] };
    if (this.releases.length === 0) return { trigger: 'change', text: files, changed, ...named };
    const at = new Date(Math.min(...this.releases)).toISOString();
    const release = `embargo release of ${at}`;
    return changed > 0
      ? { trigger: 'release', text: `${release}, and ${files}`, changed, ...named }
      : { trigger: 'release', text: release, ...named };
  }
}
