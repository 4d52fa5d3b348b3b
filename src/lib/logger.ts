/**
 * Facts about one log entry beside its message: numbers, names, paths, counts, and `err` for an exception (a
 * logger shows its message and stack). Values are plain data; a key with `undefined` is left out.
 */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Where the service says what it did and what went wrong: a short message a person reads, and fields a
 * machine filters on. The entry point makes the one logger (src/cli/logger.ts: JSON lines, or readable lines on
 * a terminal) and hands it down; nothing below the entry point makes one or writes to the console itself.
 *
 * - info: what an operator wants to see happen (serving, a build and its counts, a request, the shutdown);
 * - warn: something to look at that the service works around (problems in the content, a held build);
 * - error: something failed (a build threw, a request answered 500).
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Milliseconds, rounded to the microsecond: what a duration field holds. */
export function durationMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
