import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonLines } from '../helpers/log.js';
import { ROOT } from '../helpers/paths.js';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A real `node bin/courier.js …` process, its output collected as it comes. */
export class CourierProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exit: Promise<Exit>;

  /** Starts `courier …args` with PATH, HOST=127.0.0.1, PORT=0 and `env` as its only environment. */
  constructor(args: readonly string[], env: Record<string, string> = {}) {
    const fullEnv = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env };
    this.child = spawn(process.execPath, [join(ROOT, 'bin/courier.js'), ...args], { env: fullEnv });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Waits until stdout has a line matching `pattern`; fails with the output so far after `timeoutMs`. */
  async line(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const found = await waitFor(() => pattern.exec(this.stdout) ?? undefined, timeoutMs, this.exit);
    if (!found) throw new Error(`no line ${pattern} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
    return found;
  }

  /** The URL from the log's "serving <url>" entry, written as soon as the port listens. */
  async url(timeoutMs = 30_000): Promise<string> {
    const [, url] = await this.line(/"msg":"serving (http:\/\/[^"\s]+\/)"/, timeoutMs);
    return url!;
  }

  /** The log so far: stdout, a JSON line an entry (stdout is no terminal). */
  logs(): Array<Record<string, unknown>> {
    return parseJsonLines(this.stdout);
  }

  /** How the process ended, or undefined if it is still running after `timeoutMs`. */
  async exited(timeoutMs: number): Promise<Exit | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const exit = await Promise.race([this.exit, late]);
    clearTimeout(timer);
    return exit;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends the process if a test left it running, and what libfaketime leaves behind for a killed one. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exit;
    }
    const pid = this.child.pid;
    for (const name of [`faketime_shm_${pid}`, `sem.faketime_sem_${pid}`])
      rmSync(join('/dev/shm', name), { force: true });
  }
}

/** Polls `probe` every 100 ms until it gives a value, `timeoutMs` passes, or `gone` settles. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  gone?: Promise<unknown>,
): Promise<T | undefined> {
  let ended = false;
  void gone?.then(() => (ended = true));
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- `gone` sets it during the awaits
    if (ended || performance.now() > until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * libfaketime, preloaded into a process, gives it the wall clock of the offset written in a file ("+0",
 * "-7200": seconds from the real time), read again on every call, so a test steps the clock of a running
 * process by rewriting the file. The monotonic clock is left alone, as an NTP step or a VM resume leaves it,
 * and so are file times.
 */
export class FakeClock {
  readonly env: Record<string, string>;

  constructor(private readonly file: string) {
    this.set(0);
    this.env = {
      LD_PRELOAD: libfaketime(),
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      NO_FAKE_STAT: '1',
    };
  }

  /** Sets the process's wall clock to the real time plus `seconds`, from its next reading of the clock on. */
  set(seconds: number): void {
    writeFileSync(this.file, `${seconds >= 0 ? '+' : ''}${seconds}\n`);
  }
}

/** The thread-safe libfaketime from Debian's libfaketime (installed with the faketime package). */
function libfaketime(): string {
  const candidates = [
    ...(existsSync('/usr/lib') ? readdirSync('/usr/lib').map((dir) => join('/usr/lib', dir, 'faketime')) : []),
    '/usr/lib/faketime',
    '/usr/local/lib/faketime',
  ].map((dir) => join(dir, 'libfaketimeMT.so.1'));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('libfaketime is not installed: run `apt-get install faketime` (.ci/run does this)');
  return found;
}
