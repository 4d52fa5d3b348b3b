import type { Env, MainIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { GOLDEN_NOW } from '../helpers/build.js';

/** What a run of the command left behind, shaped as `spawnSync` gives it. */
export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The `close` of each service `serve` started, in order; the test stops them. */
  readonly services: ReadonlyArray<() => Promise<void>>;
}

/** How the console and the monotonic clock look to the command, where a test needs them otherwise. */
export interface RunOptions {
  /** Which streams the command takes for a terminal; by default neither, as in a pipe. */
  readonly terminal?: MainIo['terminal'];
  /** The monotonic clock (ms); by default performance.now. */
  readonly elapsed?: () => number;
}

/**
 * Runs `courier …args` in-process with the output captured, the environment `env` only,
 * and the clock stopped at `now` (by default the moment the golden content is built as of).
 */
export async function courier(
  args: readonly string[],
  env: Env = {},
  now = GOLDEN_NOW,
  options: RunOptions = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const services: Array<() => Promise<void>> = [];
  const io = {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    now: () => now,
    elapsed: options.elapsed ?? (() => performance.now()),
    terminal: options.terminal,
    serving: (close: () => Promise<void>) => {
      services.push(close);
    },
  };
  const status = await main(args, env, io);
  return { status, stdout, stderr, services };
}
