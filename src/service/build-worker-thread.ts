import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ContentChanges } from '../content/load.js';
import { errorMessage } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import type { ValidatorRecord } from '../publish/output.js';
import type { BuildWorkerData, FromWorker, ToWorker } from './build-messages.js';
import { FileReceiver, previousFrom, reportFrom } from './file-receiver.js';
import { fromWire } from './wire-errors.js';

const ENTRY = new URL('./build-worker-entry.js', import.meta.url);

export interface WorkerBuilderOptions extends Omit<BuildWorkerData, 'validators'> {
  /** The shared record of Last-Modified dates, asked for the worker over its port (this thread keeps Redis). */
  readonly validators?: ValidatorRecord | undefined;
  readonly log: Logger;
  /** The worker's heap limits; Node's defaults when absent. */
  readonly resourceLimits?: ResourceLimits;
}

interface Pending {
  readonly resolve: (value: never) => void;
  readonly reject: (error: unknown) => void;
}

type Request =
  { readonly kind: 'build'; readonly now: number; readonly changes: ContentChanges } | { readonly kind: 'previous' };

/**
 * The build worker's thread as this one talks to it: started when first asked, asked by id, its answers taken
 * whole, a new one started at the next ask after it dies, and stopped by close. What WorkerBuilder extends.
 */
export class BuildWorkerThread {
  private worker: Worker | undefined;
  private receiver = new FileReceiver();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  protected lastThread: number | undefined;
  protected archives: ReadonlyMap<string, ArchiveFile> = new Map();

  constructor(private readonly options: WorkerBuilderOptions) {}

  /** Stops the worker, whatever it is doing (it publishes through staging: the folder keeps a whole build). */
  async close(): Promise<void> {
    this.closed = true;
    const { worker } = this;
    this.worker = undefined;
    this.failAll(new Error('the service shut down before the build finished'));
    await worker?.terminate();
  }

  protected tell(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  protected ask<T>(request: Request): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the build worker is closed'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // a build in progress keeps the process alive; an idle worker does not
      const message: ToWorker = { ...request, id };
      worker.postMessage(message);
    });
  }

  private spawn(): Worker {
    const { validators, log: _log, resourceLimits, ...data } = this.options;
    const workerData: BuildWorkerData = { ...data, validators: validators !== undefined };
    const worker = new Worker(ENTRY, { workerData, ...(resourceLimits && { resourceLimits }) });
    this.receiver = new FileReceiver();
    worker.on('message', (message: FromWorker) => this.take(worker, message));
    worker.on('error', (error) => this.died(worker, error));
    worker.on('exit', (code) => this.died(worker, new Error(`it exited with code ${code}`)));
    worker.unref();
    return worker;
  }

  private take(worker: Worker, message: FromWorker): void {
    if (worker !== this.worker) return;
    if (message.kind === 'agree') return this.agree(worker, message);
    if (message.kind === 'bytes') return this.receiver.take(message.chunk);
    const pending = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (this.pending.size === 0) worker.unref();
    if (message.kind === 'failed') return pending?.reject(fromWire(message.error));
    try {
      if (message.kind === 'built') this.lastThread = message.thread;
      else this.archives = new Map(message.archives.map((file) => [file.path, file]));
      const { receiver } = this;
      const answer =
        message.kind === 'built' ? reportFrom(message.report, receiver) : previousFrom(message.files, receiver);
      pending?.resolve(answer as never);
    } catch (error) {
      // The two threads disagree on which bytes this one holds: a bug. A new worker starts from nothing.
      pending?.reject(error);
      this.replace(worker, error);
    }
  }

  private agree(worker: Worker, message: Extract<FromWorker, { kind: 'agree' }>): void {
    const { call, key, hash, proposed, now } = message;
    const record = this.options.validators;
    const agreed = record ? record.agree(key, hash, proposed, now).catch(() => proposed) : Promise.resolve(proposed);
    void agreed.then((lastModified) => {
      const reply: ToWorker = { kind: 'agreed', call, lastModified };
      if (worker === this.worker) worker.postMessage(reply);
    });
  }

  private died(worker: Worker, error: unknown): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const message = `the build worker stopped: ${errorMessage(error)}; a new one takes the next build`;
    this.options.log.error(message, { err: error });
    this.failAll(new Error(`the build worker stopped: ${errorMessage(error)}`, { cause: error }));
  }

  private replace(worker: Worker, error: unknown): void {
    this.died(worker, error);
    void worker.terminate();
  }

  private failAll(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of pending) reject(error);
  }
}
