import { Worker } from 'node:worker_threads';
import type { Batch } from './body-job.js';

/** Batches sent to a worker before it answers: the next is there as soon as it is done with one. */
const IN_FLIGHT = 2;
const WORKER_FILE = new URL('./body-worker.js', import.meta.url);
/**
 * A worker's young generation, in MB, well below V8's default: the strings of a body live for one render,
 * and a cold build of 10,000 records with archives peaked 24 MB lower with 12, in the same time.
 */
const YOUNG_GENERATION_MB = 12;

/** A worker thread running body-worker.js. */
export function startBodyWorker(): Worker {
  return new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/** The live worker with the fewest batches, if it has room for one more. */
export function roomiest(workers: ReadonlyMap<Worker, readonly Batch[]>): Worker | undefined {
  let best: [Worker, number] | undefined;
  for (const [worker, batches] of workers) {
    if (batches.length < IN_FLIGHT && (!best || batches.length < best[1])) best = [worker, batches.length];
  }
  return best?.[0];
}
