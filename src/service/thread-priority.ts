import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';

/** How many nice steps below the serving thread every other thread of the service runs. */
export const BELOW_SERVING = 10;

/** The calling thread's id as Linux knows it (what setpriority takes for one thread). */
function ownThreadId(): number {
  return Number(basename(readlinkSync('/proc/thread-self')));
}

/**
 * Linux: lowers every other thread of the process to BELOW_SERVING nice steps below the calling (serving)
 * thread, so that on a busy machine it gets a core first: the build worker and the threads it starts, the watch,
 * V8's helper threads (garbage collection and compilation for every thread, the build's included) and libuv's
 * pool (compression). A thread started later by a lowered thread inherits its priority; libuv's pool starts on
 * first use, so call this again once a build has run. Elsewhere, or where not allowed, nothing.
 */
export function lowerOtherThreads(): void {
  let serving: number;
  let threads: string[];
  try {
    serving = ownThreadId();
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // no /proc: not Linux
  }
  const lower = Math.min(MAX_NICE, getPriority(serving) + BELOW_SERVING);
  for (const thread of threads.map(Number).filter((id) => id !== serving)) {
    try {
      if (getPriority(thread) < lower) setPriority(thread, lower);
    } catch {
      // Gone meanwhile, or not allowed: it runs as it did.
    }
  }
}

/** Linux: lowers the calling thread (a worker's) to BELOW_SERVING nice steps below the process's main thread. */
export function lowerThisThread(): void {
  try {
    setPriority(ownThreadId(), Math.min(MAX_NICE, getPriority(process.pid) + BELOW_SERVING));
  } catch {
    // No /proc (not Linux), or not allowed: the thread runs at the serving thread's priority.
  }
}

const MAX_NICE = 19;
