import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  renderInput,
  type BodyBatch,
  type BodyBatchResult,
  type BodyInput,
  type BodyOutput,
  type BodyRenderer,
} from './body-input.js';
import { deliver, fail, renderHere, type Batch, type Job } from './body-job.js';
import { BATCH_SIZE, IDLE_MS, WORKERS_FROM, type BodyPoolOptions } from './body-pool-options.js';
import { roomiest, startBodyWorker } from './body-threads.js';

export type { BodyInput, BodyOutput, BodyRenderer } from './body-input.js';

/**
 * Renders article bodies (Markdown and sanitize-html, the build's largest CPU cost) on worker threads, in
 * batches, every worker kept busy; the results are renderBody's, in order. Workers start with the first render,
 * hold the process open only while they have work, and end with close(). A worker that dies takes its batches'
 * renders down with a clear error (renderBody takes any text, so that is a bug) and is replaced by the next one.
 */
export class BodyPool implements BodyRenderer {
  readonly threads: number;
  private readonly batchSize: number;
  private readonly workersFrom: number;
  private readonly queue: Batch[] = [];
  /** Every live worker with the batches it was sent and has not answered yet, oldest first. */
  private readonly workers = new Map<Worker, Batch[]>();
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly idleMs: number;
  private closed = false;

  constructor(options: BodyPoolOptions = {}) {
    this.threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.batchSize = options.batchSize ?? BATCH_SIZE;
    this.workersFrom = options.workersFrom ?? WORKERS_FROM;
    this.idleMs = options.idleMs ?? IDLE_MS;
    if (!Number.isInteger(this.threads) || this.threads < 0) throw new RangeError(`threads: ${this.threads}`);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batch: ${this.batchSize}`);
    if (!Number.isInteger(this.workersFrom) || this.workersFrom < 0) throw new RangeError(`from: ${this.workersFrom}`);
  }

  /** The worker threads alive now: what a test stops to see a crash handled. */
  get running(): readonly Worker[] {
    return [...this.workers.keys()];
  }

  render(inputs: readonly BodyInput[], among = inputs.length): Promise<BodyOutput[]> {
    if (this.closed) return Promise.reject(new Error('the body pool is closed'));
    // A job of no batches would wait for answers that never come.
    if (inputs.length === 0) return Promise.resolve([]);
    if (this.threads === 0 || (this.workers.size === 0 && Math.max(among, inputs.length) < this.workersFrom)) {
      return new Promise((resolve) => resolve(inputs.map(renderInput)));
    }
    return new Promise((resolve, reject) => {
      const job: Job = { results: new Array<BodyOutput>(inputs.length), pending: 0, failed: false, resolve, reject };
      for (let offset = 0; offset < inputs.length; offset += this.batchSize) {
        this.queue.push({ job, offset, inputs: inputs.slice(offset, offset + this.batchSize) });
        job.pending += 1;
      }
      this.dispatch();
    });
  }

  /**
   * Renders the batch queued last, which no worker has taken yet, on the calling thread: a caller that would
   * only wait for the workers renders beside them. The workers keep the batches queued first, wanted first.
   * False when no batch waits.
   */
  renderSomeHere(): boolean {
    let batch = this.queue.pop();
    while (batch?.job.failed) batch = this.queue.pop();
    if (!batch) return false;
    renderHere(batch);
    return true;
  }

  /** Ends every worker; renders not finished reject. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the body pool was closed while rendering');
    for (const batch of this.queue.splice(0)) fail(batch.job, stopped);
    const workers = [...this.workers];
    this.workers.clear();
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    for (const [, batches] of workers) for (const batch of batches) fail(batch.job, stopped);
    await Promise.all(workers.map(([worker]) => worker.terminate()));
  }

  /** Sends queued batches to workers with room, starting workers up to `threads`. */
  private dispatch(): void {
    while (!this.closed) {
      while (this.queue[0]?.job.failed) this.queue.shift();
      const batch = this.queue[0];
      const worker = batch && (roomiest(this.workers) ?? (this.workers.size < this.threads ? this.start() : undefined));
      if (!batch || !worker) return;
      this.queue.shift();
      this.workers.get(worker)?.push(batch);
      clearTimeout(this.idleTimers.get(worker));
      worker.ref();
      worker.postMessage({ inputs: batch.inputs } satisfies BodyBatch);
    }
  }

  private start(): Worker {
    const worker = startBodyWorker();
    worker.unref();
    this.workers.set(worker, []);
    worker.on('message', (result: BodyBatchResult) => this.answered(worker, result));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`it exited with code ${code}`)));
    return worker;
  }

  private answered(worker: Worker, result: BodyBatchResult): void {
    const batches = this.workers.get(worker);
    const batch = batches?.shift();
    if (!batch) return;
    if (batches?.length === 0) this.idle(worker);
    if ('error' in result) fail(batch.job, new Error(`rendering a body failed (a bug): ${result.error}`));
    else deliver(batch, result.bodies);
    this.dispatch();
  }

  /** A worker with nothing to do lets the process exit, and ends itself unless it gets work within idleMs. */
  private idle(worker: Worker): void {
    worker.unref();
    const timer = setTimeout(() => {
      if (this.workers.get(worker)?.length !== 0) return;
      this.workers.delete(worker);
      this.idleTimers.delete(worker);
      void worker.terminate();
    }, this.idleMs);
    this.idleTimers.set(worker, timer.unref());
  }

  /** A worker died: its batches' renders reject, and the next dispatch starts another in its place. */
  private lost(worker: Worker, cause: Error): void {
    const batches = this.workers.get(worker);
    if (!batches) return; // already counted lost, ended idle, or closed
    this.workers.delete(worker);
    clearTimeout(this.idleTimers.get(worker));
    this.idleTimers.delete(worker);
    void worker.terminate();
    for (const { job, inputs } of batches) {
      const first = inputs[0]?.url ?? '';
      const message = `a body-rendering worker thread died while rendering ${inputs.length} bodies (the first of ${first}); a bug, not bad input: ${cause.message}`;
      fail(job, new Error(message, { cause }));
    }
    this.dispatch();
  }
}
