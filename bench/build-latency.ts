/**
 * How long feed requests wait while the running server builds. Starts `courier serve` (a child process,
 * building every COURIER_SCHEDULE tick) on the paired corpus of N records, touches one record every few seconds
 * (so some builds have one changed record and the rest nothing changed), and meanwhile sends feed requests from
 * a few keep-alive clients in this process. Prints the latency of requests that overlapped a build and of those
 * that did not (p50, p99, p99.9, max), those overlapping a build split by whether it wrote anything, and the
 * server's build durations from its log.
 *
 *   node dist/bench/build-latency.js [N] [--seconds S] [--schedule CRON] [--touch-every MS] [--clients C]
 *                                    [--server-flags '--cpu-prof --cpu-prof-dir=DIR']
 *
 * Not a test: nothing here asserts a time.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { serveFlags } from './node-flags.js';
import { BENCH_DIR, ensurePairedCorpus } from './paired-corpus.js';
import { DEFAULT_SHAPE } from './paired-corpus-shape.js';

interface Options {
  n: number;
  seconds: number;
  schedule: string;
  touchEvery: number;
  clients: number;
  /** Node options for the server's process, e.g. --cpu-prof --cpu-prof-dir=DIR (to see what its thread does). */
  serverFlags: string[];
}

function optionsOf(args: readonly string[]): Options {
  const options: Options = {
    n: 20_000,
    seconds: 60,
    schedule: '*/2 * * * * *',
    touchEvery: 5000,
    clients: 4,
    serverFlags: [],
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = args[i + 1] ?? '';
    if (arg === '--seconds') options.seconds = Number(value);
    else if (arg === '--schedule') options.schedule = value;
    else if (arg === '--touch-every') options.touchEvery = Number(value);
    else if (arg === '--clients') options.clients = Number(value);
    else if (arg === '--server-flags') options.serverFlags = value.split(' ').filter((flag) => flag !== '');
    else {
      options.n = Number(arg);
      continue;
    }
    i += 1;
  }
  return options;
}

interface Build {
  readonly start: number;
  readonly end: number;
  readonly durationMs: number;
  readonly written: number;
}

interface Sample {
  readonly start: number;
  readonly ms: number;
}

function request(agent: Agent, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
      response.on('error', reject);
    }).on('error', reject);
  });
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);

function describe(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (p: number) => percentile(sorted, p).toFixed(1);
  const max = sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0).toFixed(1) : '–';
  return `| ${sorted.length} | ${f(50)} | ${f(99)} | ${f(99.9)} | ${max} |`;
}

async function main(options: Options): Promise<void> {
  const corpus = ensurePairedCorpus(join(BENCH_DIR, 'out', `paired-${options.n}`), { ...DEFAULT_SHAPE, n: options.n });
  const work = join(BENCH_DIR, 'out', `latency-${options.n}`);
  rmSync(work, { recursive: true, force: true });
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    COURIER_CONTENT_DIR: corpus.courier,
    COURIER_FEEDS_DIR: join(work, 'feeds'),
    COURIER_STATE_DIR: join(work, 'state'),
    COURIER_SCHEDULE: options.schedule,
    COURIER_LOG_FORMAT: 'json',
  };
  const courier = join(BENCH_DIR, '..', 'bin', 'courier.js');
  const child = spawn(
    process.execPath,
    [...serveFlags(join(BENCH_DIR, '..')), ...options.serverFlags, courier, 'serve'],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const builds: Build[] = [];
  let url = '';
  let started: number | undefined;
  const serverLines: Array<{ at: number; line: string }> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) {
      serverLines.push({ at: performance.now(), line }); // what --server-flags '--trace-gc' prints, say
      return;
    }
    const entry = JSON.parse(line) as {
      msg?: string;
      time?: number;
      url?: string;
      durationMs?: number;
      written?: number;
    };
    const now = performance.now();
    if (entry.url !== undefined && url === '') url = entry.url;
    if (entry.msg?.startsWith('build started') === true) started = now;
    else if (entry.durationMs !== undefined && started !== undefined) {
      builds.push({ start: started, end: now, durationMs: entry.durationMs, written: entry.written ?? 0 });
      started = undefined;
    }
  });
  try {
    while (builds.length === 0) await sleep(100); // the first build: cold, not measured
    process.stdout.write(`first build (cold, with the server starting) took ${builds[0]?.durationMs} ms; measuring\n`);
    const firstMeasured = builds.length;
    const samples: Sample[] = [];
    const until = performance.now() + options.seconds * 1000;
    const feed = `${url.replace(/\/$/, '')}/feeds/rss.xml`;
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (performance.now() < until) {
        const start = performance.now();
        await request(agent, feed);
        samples.push({ start, ms: performance.now() - start });
        await sleep(2);
      }
      agent.destroy();
    };
    const touch = async () => {
      const record = join(corpus.courier, 'articles', '2025', '12');
      const { readdirSync } = await import('node:fs');
      const path = join(record, readdirSync(record).sort()[0] ?? '');
      const original = readFileSync(path, 'utf8');
      for (let count = 1; performance.now() < until; count += 1) {
        await sleep(options.touchEvery);
        writeFileSync(path, original.replace(/^title: "/m, `title: "(${count}) `));
      }
      writeFileSync(path, original);
    };
    await Promise.all([...Array.from({ length: options.clients }, client), touch()]);
    const measured = builds.slice(firstMeasured);
    const overlaps = (s: Sample, b: Build) => s.start < b.end && s.start + s.ms > b.start;
    const during = (s: Sample) => measured.some((b) => overlaps(s, b));
    const duringWrites = (s: Sample) => measured.some((b) => b.written > 0 && overlaps(s, b));
    const inBuilds = samples.filter(during).map((s) => s.ms);
    const inWritingBuilds = samples.filter(duringWrites).map((s) => s.ms);
    const inQuietBuilds = samples.filter((s) => during(s) && !duringWrites(s)).map((s) => s.ms);
    const outside = samples.filter((s) => !during(s)).map((s) => s.ms);
    const unchanged = measured
      .filter((b) => b.written === 0)
      .map((b) => b.durationMs)
      .sort((a, b) => a - b);
    const changed = measured
      .filter((b) => b.written > 0)
      .map((b) => b.durationMs)
      .sort((a, b) => a - b);
    const summary = (list: number[]) =>
      list.length === 0
        ? '–'
        : `${list.length} builds, median ${percentile(list, 50)} ms, max ${list[list.length - 1]} ms`;
    process.stdout.write(
      [
        `N = ${options.n}, ${options.clients} clients, ${options.seconds} s, schedule ${options.schedule}`,
        `builds with nothing changed: ${summary(unchanged)}`,
        `builds with one record changed: ${summary(changed)}`,
        '',
        '| requests | count | p50 ms | p99 ms | p99.9 ms | max ms |',
        '| --- | ---: | ---: | ---: | ---: | ---: |',
        `| overlapping a build ${describe(inBuilds)}`,
        `| … one with nothing changed ${describe(inQuietBuilds)}`,
        `| … one with a record changed ${describe(inWritingBuilds)}`,
        `| outside builds ${describe(outside)}`,
        '',
      ].join('\n'),
    );
    if (serverLines.length > 0) process.stdout.write(slowBeside(samples, serverLines, measured));
  } finally {
    child.kill('SIGTERM');
  }
}

/**
 * Each request slower than 20 ms, with what the server printed besides its logs (--trace-gc lines) within 50 ms
 * of it and whether a build overlapped it: where the waits come from.
 */
function slowBeside(samples: Sample[], lines: Array<{ at: number; line: string }>, builds: Build[]): string {
  const out = ['', 'requests over 20 ms, with the server lines printed within 50 ms of them:'];
  for (const sample of samples.filter((s) => s.ms > 20)) {
    const end = sample.start + sample.ms;
    const build = builds.find((b) => sample.start < b.end && end > b.start);
    out.push(
      `${sample.start.toFixed(0)} ms: ${sample.ms.toFixed(1)} ms${build ? `, in a build that wrote ${build.written}` : ''}`,
    );
    for (const { at, line } of lines.filter(({ at }) => at > sample.start - 50 && at < end + 50)) {
      out.push(`    ${(at - sample.start).toFixed(0)} ms from its start: ${line}`);
    }
  }
  return `${out.join('\n')}\n`;
}

await main(optionsOf(process.argv.slice(2)));
