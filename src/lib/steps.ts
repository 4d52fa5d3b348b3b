import { setImmediate } from 'node:timers/promises';

/** Work cut into steps: a step yields nothing to go on, or a promise to wait for first; the last returns `T`. */
export type Steps<T> = Generator<Promise<void> | undefined, T>;

/** Runs the steps at once, one after the other; a promise yielded is not waited for. */
export function runSteps<T>(steps: Steps<T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs the steps, waiting for each promise yielded, and giving the event loop a turn whenever they have worked
 * `sliceMs` without one.
 */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    if (step.value) {
      await step.value;
      sliceStart = performance.now();
    } else if (performance.now() - sliceStart >= sliceMs) {
      await setImmediate();
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return step.value;
}
