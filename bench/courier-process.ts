/**
 * `courier serve` as an operator runs it, for the serve benchmark (serve.ts): the Procfile's web process, node
 * flags and all, as a process of its own, on 127.0.0.1 and a port of the system's choosing, with the default
 * settings otherwise (the schedule, the watch, the poll statistics). Its address comes from its first log line,
 * and it counts as started once it answers the site feed (its first build published).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './corpus.js';
import { processCpuSeconds } from './proc.js';

export interface RunningCourier {
  readonly process: ChildProcess;
  /** The service's address, ending in '/'. */
  readonly url: string;
  /** CPU seconds its process, every thread, has used so far. */
  cpuSeconds(): number;
  /** SIGTERM, as a host stops it; SIGKILL after 10 s. */
  stop(): Promise<void>;
}

export interface CourierFolders {
  readonly content: string;
  readonly out: string;
  readonly state: string;
}

/** The Procfile's `web:` command, split into words, with `node` replaced by this very node. */
export function procfileCommand(): string[] {
  const line = readFileSync(join(REPO_ROOT, 'Procfile'), 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('web:'));
  if (!line) throw new Error('the Procfile declares no web process');
  const [program, ...args] = line.slice('web:'.length).trim().split(/\s+/);
  if (program !== 'node') throw new Error(`the Procfile's web process runs ${program}, not node`);
  return [process.execPath, ...args];
}

export async function startCourier(folders: CourierFolders, timeoutMs: number): Promise<RunningCourier> {
  const [program = process.execPath, ...args] = procfileCommand();
  const folderArgs = ['--content', folders.content, '--out', folders.out, '--state', folders.state];
  const child = spawn(program, [...args, ...folderArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const running: RunningCourier = {
    process: child,
    url: await servingUrl(child, timeoutMs),
    cpuSeconds: () => processCpuSeconds(child.pid ?? 0),
    stop: () => stop(child),
  };
  await firstFeed(new URL('feeds/rss.xml', running.url).href, timeoutMs);
  return running;
}

/** The URL of the log line that says where it serves; every line it logs that is not info goes to stderr. */
function servingUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`courier serve said nothing in ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`courier serve exited (${code}) before serving`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = parseLine(line);
      if (entry.level !== 'info') process.stderr.write(`[courier serve] ${line}\n`);
      if (typeof entry.url === 'string' && String(entry.msg).startsWith('serving ')) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
}

function parseLine(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { level: 'text', msg: line };
  }
}

/** Waits until the feed answers 200: the first build is published. */
async function firstFeed(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const status = await fetch(url).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
