import { Worker } from 'node:worker_threads';
import { errorMessage } from '../lib/errors.js';
import type { LogFields } from '../lib/logger.js';
import type { ContentWatchOptions } from './watch.js';

/** What the watch's thread is started with: the options that are plain data. */
export type WatchData = Omit<ContentWatchOptions, 'changed' | 'log' | 'seeingChanged'>;

/** What the watch's thread posts (watch-worker.ts). */
export type FromWatch =
  | { readonly kind: 'changed'; readonly file: string }
  | { readonly kind: 'seeing'; readonly seeing: boolean; readonly ready: boolean }
  | {
      readonly kind: 'log';
      readonly level: 'info' | 'warn' | 'error';
      readonly message: string;
      readonly fields: LogFields;
    };

const ENTRY = new URL('./watch-worker.js', import.meta.url);

/**
 * A ContentWatch (watch.ts) on a thread of its own, told to this one by messages; the same interface. What the
 * watcher keeps of every file it watches (about 8 KB a record: 77 MB of heap at 10,000 records) then lives in
 * that thread's heap, so the serving thread's collections stay small and short while builds publish.
 * A watch thread that stops is said, and the watch is then blind: builds look at every record.
 */
export class ContentWatchThread {
  private readonly worker: Worker;
  private readonly readied: Promise<void>;
  private seeingNow = false;
  private closed = false;

  constructor(options: ContentWatchOptions) {
    const { changed, log, seeingChanged: _seeingChanged, ...data } = options;
    const workerData: WatchData = data;
    let ready = (): void => undefined;
    this.readied = new Promise((resolve) => (ready = resolve));
    this.worker = new Worker(ENTRY, { workerData });
    this.worker.on('message', (message: FromWatch) => {
      if (message.kind === 'changed') changed(message.file);
      else if (message.kind === 'log') log[message.level](message.message, message.fields);
      else {
        this.seeingNow = message.seeing;
        if (message.ready) ready();
      }
    });
    let said = false;
    const stopped = (why: string) => {
      this.seeingNow = false;
      ready();
      if (this.closed || said) return; // an error is followed by the thread's exit: one line for both
      said = true;
      log.error(`the watch of ${data.contentDir} stopped: ${why}; the schedule still builds`);
    };
    this.worker.on('error', (error) => stopped(errorMessage(error)));
    this.worker.on('exit', (code) => stopped(`its thread exited with code ${code}`));
    this.worker.unref();
  }

  /** Whether every change since the first scan was seen (ContentWatch.seeing). */
  get seeing(): boolean {
    return this.seeingNow && !this.closed;
  }

  /** Resolves once the first scan is done, or the watch broke or stopped meanwhile. */
  ready(): Promise<void> {
    return this.readied;
  }

  /** Ends the thread, and with it every watch it held. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }
}
