import type { BuildProgress, ProgressListener } from '../publish/progress.js';

/** How often a line is written while a build runs, at most, and at least while it moves on. */
export const PROGRESS_EVERY_MS = 1000;

export interface ProgressLines {
  /** What the builder tells as it goes. */
  readonly listener: ProgressListener;
  /** Stops the lines: the build is over. */
  stop(): void;
}

/**
 * Progress lines for a long build on a terminal: `courier: reading records 2345/5000 (2.0 s)`, one a second
 * or so. They are written when the builder tells of progress (reading the records is one synchronous stretch,
 * in which no timer runs) and by a timer in between (compression and writing wait on other threads). A build
 * shorter than a second writes none.
 */
export function progressLines(write: (line: string) => void, elapsed: () => number): ProgressLines {
  const started = elapsed();
  let last = started;
  let latest: BuildProgress | undefined;
  const maybeWrite = () => {
    const now = elapsed();
    if (!latest || now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const { stage, done, total } = latest;
    write(`courier: ${stage} ${done}/${total} (${((now - started) / 1000).toFixed(1)} s)\n`);
  };
  const timer = setInterval(maybeWrite, PROGRESS_EVERY_MS / 4);
  return {
    listener: (progress) => {
      latest = progress;
      maybeWrite();
    },
    stop: () => clearInterval(timer),
  };
}
