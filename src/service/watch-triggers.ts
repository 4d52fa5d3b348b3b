import type { Config } from '../config/config.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { BuildReport } from '../publish/report.js';
import type { BuildRunner } from './builds.js';
import { ReleaseTimer } from './release.js';
import { ContentWatchThread } from './watch-thread.js';
import { BuildTrigger } from './watch-trigger.js';

export interface WatchTriggersDeps {
  readonly config: Pick<Config, 'contentDir' | 'watch' | 'watchInterval'>;
  readonly builds: Pick<BuildRunner, 'run' | 'current'>;
  /** The wall clock (epoch ms): what embargoes are read against. */
  readonly wall: () => number;
  /** A monotonic clock in ms. */
  readonly elapsed: () => number;
  readonly log: Logger;
  /**
   * Content builds are started by hand (a test, the service's schedule off): no embargo releases, and of the
   * content folder only partners.yaml is watched, so a new or revoked key still counts within seconds.
   */
  readonly byHand: boolean;
}

/**
 * What starts a build besides the schedule and the start: a change in the content folder (config.watch) and the
 * end of an embargo. Every build, whoever started it, tells `built`, which plans the next release.
 */
export class WatchTriggers {
  private readonly trigger: BuildTrigger;
  private readonly release: ReleaseTimer | undefined;
  private watch: ContentWatchThread | undefined;

  constructor(private readonly deps: WatchTriggersDeps) {
    const { builds, elapsed, log, wall } = deps;
    this.trigger = new BuildTrigger({ builds, elapsed, log });
    this.release = deps.byHand ? undefined : new ReleaseTimer({ wall, release: (at) => this.trigger.release(at) });
  }

  /** Starts watching; resolves once changes from now on are seen. */
  async start(): Promise<void> {
    const { config, log, byHand } = this.deps;
    if (config.watch === 'off' || this.watch) return;
    const { contentDir, watch: mode, watchInterval: intervalMs } = config;
    const scope = byHand ? 'partners' : 'content';
    try {
      this.watch = new ContentWatchThread({
        contentDir,
        mode,
        intervalMs,
        scope,
        changed: (f) => this.trigger.changed(f),
        log,
      });
    } catch (error) {
      // No thread to be had (the system's limit): builds then look at every record, on the schedule.
      log.error(`cannot watch ${contentDir}: ${errorMessage(error)}; the schedule still builds`, { err: error });
      return;
    }
    await this.watch.ready();
    if (!this.watch.seeing) return; // it broke before its first scan was done, and said why
    const how = mode === 'poll' ? `looking at every file every ${intervalMs} ms` : 'file system events';
    log.info(`watching ${contentDir} for changes (${how})`, { contentDir, watch: mode, scope });
  }

  /** Whether every change of the records is being seen: a watch of the whole content folder, not broken. */
  watching(): boolean {
    return !this.deps.byHand && this.watch?.seeing === true;
  }

  /** A build finished: plans the release of the next embargo it found. */
  built(report: BuildReport): void {
    this.release?.plan(report.nextRelease);
  }

  /** Stops watching and planning; a build running goes on. */
  async stop(): Promise<void> {
    this.release?.stop();
    this.trigger.stop();
    await this.watch?.close();
  }
}
