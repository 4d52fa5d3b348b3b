/** The environment variables, as `process.env` gives them. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What a command may touch outside itself: its two output streams and the clock.
 * `bin/courier.js` binds them to process.stdout, process.stderr and Date.now; tests capture them.
 * Every text written is whole lines, each ending in "\n", exactly as the command prints them.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): number;
  /**
   * Which streams are a terminal (process.stdout.isTTY): the log is readable there and JSON elsewhere, and a
   * long build shows its progress on stderr only there. Absent: neither.
   */
  readonly terminal?: Readonly<{ stdout?: boolean; stderr?: boolean }>;
}

/** `main` also needs to hand a running service to whoever decides when it stops. */
export interface MainIo extends Io {
  /**
   * Called once `courier serve` is listening, with the function that stops it.
   * The entry point binds it to SIGINT and SIGTERM (and exits); a test calls it when done.
   */
  serving(close: () => Promise<void>): void;
  /**
   * A monotonic clock in ms (performance.now), never stepped: what the schedule's bound and the shutdown
   * measure with. `now` stays the wall clock.
   */
  elapsed(): number;
  /**
   * The command owns its process (the entry point says so; a test running commands in its runner does not): the
   * service may then lower the priority of the process's other threads below the serving thread's.
   */
  readonly ownsProcess?: boolean;
}

/** Writes `courier: message` to stderr and returns the exit code. */
export function fail(io: Io, message: string, code = 1): number {
  io.stderr(`courier: ${message}\n`);
  return code;
}

/** Each mistake on a line of its own, `courier: mistake`, on stderr; returns the exit code. */
export function failAll(io: Io, mistakes: readonly string[], code = 1): number {
  for (const mistake of mistakes) fail(io, mistake);
  return code;
}

/** The message of something thrown, which need not be an Error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
