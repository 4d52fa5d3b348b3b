import { threadId } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import type { ContentChanges } from '../content/load.js';
import type { Logger } from '../lib/logger.js';
import { Builder, type BuilderOptions } from '../publish/builder.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import type { OutputFile, ValidatorRecord } from '../publish/output.js';
import type { BuildReport } from '../publish/report.js';
import { WebSub } from '../websub/websub.js';
import { WorkerBuilder } from './build-worker.js';

/** What the service asks of its builder: Builder's own interface, wherever the builder runs. */
export interface BuildEngine {
  /** Builds as of `now` (epoch ms), looking at the records `changes` names; a call while a build runs joins it. */
  build(now: number, changes?: ContentChanges): Promise<BuildReport>;
  /** The files of the last build: from this process, or read from the feeds folder once. */
  previousFiles(): Promise<ReadonlyMap<string, OutputFile>>;
  /** The archive documents' files of the last build, as previousFiles() found them (served from disk). */
  previousArchives(): ReadonlyMap<string, ArchiveFile>;
  /** The thread the last build ran on (worker_threads' threadId; 0 is the main thread), for the log. */
  readonly threadId: number | undefined;
  /** Stops building; a build in progress is abandoned. */
  close(): Promise<void>;
}

/** The service's builder: in a worker thread (config.buildInWorker, the default), or on this thread. */
export function openBuildEngine(config: Config, validators: ValidatorRecord | undefined, log: Logger): BuildEngine {
  const options = {
    stateDir: config.stateDir,
    guards: { maxDropShare: config.maxDropShare, force: config.forcePublish },
    hubs: WebSub.hubsOf(config.websub),
    threads: config.buildThreads,
  } satisfies BuilderOptions;
  const { contentDir, feedsDir: outDir } = config;
  if (config.buildInWorker) return new WorkerBuilder({ contentDir, outDir, options, validators, log });
  return new DirectBuilder(new Builder(contentDir, outDir, { ...options, validators }));
}

/** The Builder on the serving thread (COURIER_BUILD_IN_WORKER=0: for debugging and profiling). */
class DirectBuilder implements BuildEngine {
  readonly threadId = threadId;

  constructor(private readonly builder: Builder) {}

  build(now: number, changes?: ContentChanges): Promise<BuildReport> {
    return this.builder.build(now, changes);
  }

  previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    return this.builder.previousFiles();
  }

  previousArchives(): ReadonlyMap<string, ArchiveFile> {
    return this.builder.previousArchives();
  }

  async close(): Promise<void> {
    // A warning about saving the parse cache now has no build report to go in; the next process parses again.
    await this.builder.close();
  }
}
