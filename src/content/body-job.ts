import { renderInput, type BodyInput, type BodyOutput } from './body-input.js';

export interface Job {
  readonly results: BodyOutput[];
  pending: number;
  failed: boolean;
  readonly resolve: (bodies: BodyOutput[]) => void;
  readonly reject: (error: Error) => void;
}

export interface Batch {
  readonly job: Job;
  readonly offset: number;
  readonly inputs: readonly BodyInput[];
}

/** A batch's bodies into its job's results; the job resolves with its last batch. */
export function deliver(batch: Batch, bodies: readonly BodyOutput[]): void {
  if (batch.job.failed) return;
  for (const [index, body] of bodies.entries()) batch.job.results[batch.offset + index] = body;
  if ((batch.job.pending -= 1) === 0) batch.job.resolve(batch.job.results);
}

export function fail(job: Job, error: Error): void {
  if (job.failed) return;
  job.failed = true;
  job.reject(error);
}

/** Renders a batch on the calling thread, into its job's results. */
export function renderHere(batch: Batch): void {
  let bodies: BodyOutput[];
  try {
    bodies = batch.inputs.map(renderInput);
  } catch (error) {
    fail(batch.job, new Error(`rendering a body failed (a bug): ${String(error)}`, { cause: error }));
    return;
  }
  deliver(batch, bodies);
}
