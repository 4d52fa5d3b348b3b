/**
 * One run of wrk (Debian `wrk`), the load generator the serve benchmark uses (serve.ts), with its report read
 * back: requests, bytes, latency percentiles, responses that were not 2xx or 3xx, socket errors, and the CPU
 * wrk itself used (from `/usr/bin/time`, Debian `time`).
 */
import { spawn } from 'node:child_process';

export interface WrkRun {
  readonly url: string;
  /** Request headers, "Name: value". */
  readonly headers: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly bytesRead: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Responses that were neither 2xx nor 3xx. */
  readonly unexpected: number;
  readonly socketErrors: number;
  /** CPU seconds wrk used, user and system. */
  readonly cpuSeconds: number;
}

/** One thread: on two cores, the server under test gets the other. */
const THREADS = 1;

export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const args = ['-f', 'wrk-cpu %U %S', 'wrk', `-t${THREADS}`, `-c${run.connections}`, `-d${run.seconds}s`];
  args.push('--latency', '--timeout', '5s', ...run.headers.flatMap((header) => ['-H', header]), run.url);
  const { stdout, stderr, code } = await spawned('/usr/bin/time', args, (run.seconds + 30) * 1000);
  if (code !== 0) throw new Error(`wrk exited ${code}: ${stderr.trim() || stdout.trim()}`);
  return parseWrk(stdout, stderr);
}

export function parseWrk(report: string, timeOutput: string): WrkResult {
  const total = /(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read/.exec(report);
  if (!total) throw new Error(`no request count in wrk's report:\n${report}`);
  const latency = /Latency\s+\S+\s+\S+\s+(\S+)/.exec(report);
  const percentile = (p: number) => /(\S+)$/.exec(new RegExp(`^\\s+${p}%\\s+\\S+`, 'm').exec(report)?.[0] ?? '');
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  const cpu = /wrk-cpu ([\d.]+) ([\d.]+)/.exec(timeOutput);
  const requests = Number(total[1]);
  const seconds = milliseconds(total[2]) / 1000;
  return {
    requests,
    seconds,
    requestsPerSecond: requests / seconds,
    bytesRead: bytes(total[3]),
    p50Ms: milliseconds(percentile(50)?.[1]),
    p99Ms: milliseconds(percentile(99)?.[1]),
    maxMs: milliseconds(latency?.[1]),
    unexpected: Number(/Non-2xx or 3xx responses: (\d+)/.exec(report)?.[1] ?? 0),
    socketErrors: errors ? errors.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN,
  };
}

const TIME_UNITS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };

/** wrk's "1.23ms", "456.00us", "5.00s" in milliseconds. */
function milliseconds(text: string | undefined): number {
  const [, value, unit] = /^([\d.]+)(\w+)$/.exec(text ?? '') ?? [];
  return Number(value) * (TIME_UNITS[unit ?? ''] ?? Number.NaN);
}

/** wrk's "100.00MB" in bytes. */
function bytes(text: string | undefined): number {
  const [, value, unit] = /^([\d.]+)(\w+)$/.exec(text ?? '') ?? [];
  return Number(value) * (SIZE_UNITS[unit ?? ''] ?? Number.NaN);
}

interface Spawned {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

function spawned(program: string, args: readonly string[], timeoutMs: number): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new Error(`${program} not found: apt-get install wrk time`) : error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}
