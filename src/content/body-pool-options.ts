export interface BodyPoolOptions {
  /** Worker threads (default: one less than os.availableParallelism(), at least one); 0: the calling thread. */
  readonly threads?: number;
  /** Bodies a message carries (default BATCH_SIZE), so messaging stays a small part of the work. */
  readonly batchSize?: number;
  /**
   * Bodies a caller must ask for in one run for workers to start (default WORKERS_FROM); fewer, with no worker
   * running, are rendered on the calling thread.
   */
  readonly workersFrom?: number;
  /** Milliseconds a worker waits for more work before it ends (default IDLE_MS). */
  readonly idleMs?: number;
}

export const BATCH_SIZE = 48;
/**
 * Measured on two cores (bench/README.md): for the 1,900 bodies of a cold build of 10,000 records without
 * archives, a worker cost 9 % more CPU, 13 % more memory and 4 % more time than rendering them all here (it
 * starts, loads and warms up its own copy of markdown-it and sanitize-html, beside libuv's compression); for
 * the 10,000 bodies of one with archives it saved 11 % of the time. The two break even at about 3,000.
 */
export const WORKERS_FROM = 3000;
export const IDLE_MS = 10_000;
