import type { ContentChanges } from '../content/load.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import type { OutputFile } from '../publish/output.js';
import type { BuildReport } from '../publish/report.js';
import { BuildWorkerThread } from './build-worker-thread.js';

/**
 * The service's builds (a BuildEngine, build-engine.ts) in a worker thread (build-worker-entry.ts owns the
 * Builder), so that reading, rendering and compressing never hold up a feed request: this thread only takes the
 * finished files (their bytes transferred, never copied here: wire-files.ts). A worker that dies (a bug, out of
 * memory) fails the build in progress, is logged, and a new one takes the next build; the feeds served stay the
 * last good ones.
 */
export class WorkerBuilder extends BuildWorkerThread {
  private inFlight: Promise<BuildReport> | undefined;

  /**
   * Builds as of `now` (epoch ms) in the worker, looking at the records `changes` names; a call while a build
   * runs joins it, and what it names is looked at by the next.
   */
  build(now: number, changes: ContentChanges = 'unknown'): Promise<BuildReport> {
    if (this.inFlight) this.tell({ kind: 'note', changes });
    this.inFlight ??= this.ask<BuildReport>({ kind: 'build', now, changes }).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    return this.ask({ kind: 'previous' });
  }

  /** The archive files of the last build, as the last previousFiles() found them. */
  previousArchives(): ReadonlyMap<string, ArchiveFile> {
    return this.archives;
  }

  /** The worker thread that ran the last build. */
  get threadId(): number | undefined {
    return this.lastThread;
  }
}
