/**
 * Serve benchmark: Courier's hot path (GET /feeds/rss.xml) against a bare node:http server that answers with the
 * very same gzip bytes and headers, and against nginx, for a 200 and for a 304.
 *
 *   node dist/bench/serve.js [--duration S] [--warmup S] [--connections C] [--rounds R]
 *
 * Load from wrk (Debian `wrk`; one thread, 64 connections, as issue 10 measured), 5 s a run after a 1 s warm-up
 * whose figures are dropped, in 5 rounds. A round runs, for the 200 and then the 304, Courier, the bare server
 * and nginx one after the other, Courier and the bare server always back to back and in turn first, so the
 * Courier/bare ratio of each round compares two runs a few seconds apart: on a shared 2-core machine whose speed
 * changes between one minute and the next, the ratio of a round holds better than the ratio of medians.
 *
 * Each server is a process of its own and only one is under load at a time: Courier as an operator runs it, the
 * Procfile's web process (courier-process.ts); the bare server (bare-server.ts) as `node` with no flags; nginx
 * with one worker and gzip_static (nginx.ts). The server under test has one core, wrk the other. Every server's
 * CPU is read from /proc, wrk's from /usr/bin/time. Only 127.0.0.1 is used; every run is bounded in time and a
 * watchdog stops everything if the whole goes far over plan. A measurement, not a test: no assertion on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BareSpec } from './bare-server.js';
import { startCourier } from './courier-process.js';
import { DEFAULT_SEED, ensureCorpus, REPO_ROOT } from './corpus.js';
import { startNginx } from './nginx.js';
import { processCpuSeconds } from './proc.js';
import { printReport, type Measured, type ServerName, type Status } from './serve-report.js';
import { explicitHeaders, get, sameHeaderNames, type Response } from './serve-requests.js';
import { runWrk } from './wrk.js';

const FEED_PATH = '/feeds/rss.xml';
const OUT = join(REPO_ROOT, 'bench', 'out');
/** 200 records: more than items_per_feed (50), so the site feed is full, as in production. */
const CORPUS_SIZE = 200;
const STARTUP_TIMEOUT_MS = 60_000;

interface Server {
  readonly process: ChildProcess;
  readonly url: string;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

interface Settings {
  readonly duration: number;
  readonly warmup: number;
  readonly connections: number;
  readonly rounds: number;
}

function settings(): Settings | undefined {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '64' },
      rounds: { type: 'string', default: '5' },
    },
  });
  const read = (text: string, min: number, max: number) => {
    const value = Number(text);
    return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  };
  const duration = read(values.duration, 1, 120);
  const warmup = read(values.warmup, 0, 60);
  const connections = read(values.connections, 1, 1000);
  const rounds = read(values.rounds, 1, 15);
  if (duration === undefined || warmup === undefined || connections === undefined || rounds === undefined) return;
  return { duration, warmup, connections, rounds };
}

async function main(): Promise<number> {
  const chosen = settings();
  if (!chosen) {
    process.stderr.write(
      'usage: node dist/bench/serve.js [--duration 1..120] [--warmup 0..60] [--connections 1..1000] [--rounds 1..15]\n',
    );
    return 2;
  }
  const servers: Server[] = [];
  const plannedMs = chosen.rounds * 6 * (chosen.duration + chosen.warmup + 1) * 1000;
  const watchdog = setTimeout(
    () => {
      process.stderr.write('serve benchmark: far over its planned time; stopping\n');
      for (const server of servers) server.process.kill('SIGKILL');
      process.exit(1);
    },
    plannedMs + 3 * 60_000,
  );
  watchdog.unref();
  try {
    const contentDir = join(OUT, `serve-corpus-${CORPUS_SIZE}`);
    const feedsDir = join(OUT, `serve-feeds-${CORPUS_SIZE}`);
    const stateDir = join(OUT, `serve-state-${CORPUS_SIZE}`);
    const { reused } = ensureCorpus(contentDir, CORPUS_SIZE, DEFAULT_SEED);
    for (const folder of [feedsDir, stateDir]) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
    }
    const courier = await startCourier({ content: contentDir, out: feedsDir, state: stateDir }, STARTUP_TIMEOUT_MS);
    servers.push(courier);
    const courierFeed = new URL(FEED_PATH.slice(1), courier.url).href;
    const ok = await get(courierFeed, { 'accept-encoding': 'gzip' });
    const etag = ok.headers.etag ?? '';
    expect(ok.status === 200 && ok.headers['content-encoding'] === 'gzip', `Courier ${FEED_PATH}: not a gzip 200`);
    expect(/^"[0-9a-f]+-gzip"$/.test(etag), `unexpected ETag ${etag}`);
    const notModified = await get(courierFeed, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(notModified.status === 304, `Courier answered ${notModified.status} to If-None-Match`);

    const bare = await startBare({
      path: FEED_PATH,
      body: ok.body.toString('base64'),
      etag,
      ...headersOf(ok, notModified),
    });
    servers.push(bare);
    const bareFeed = new URL(FEED_PATH.slice(1), bare.url).href;
    const bareOk = await get(bareFeed, { 'accept-encoding': 'gzip' });
    const bareNotModified = await get(bareFeed, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(bareOk.status === 200 && bareOk.body.equals(ok.body), 'the bare server does not send the same 200 bytes');
    expect(bareNotModified.status === 304, `the bare server answered ${bareNotModified.status} to If-None-Match`);
    expect(sameHeaderNames([bareOk, ok], [bareNotModified, notModified]), 'the two servers send different headers');

    const nginx = await startNginx(feedsDir, join(OUT, 'serve-nginx'), String(ok.headers['cache-control']));
    servers.push(nginx);
    const nginxFeed = new URL(FEED_PATH.slice(1), nginx.url).href;
    const nginxOk = await get(nginxFeed, { 'accept-encoding': 'gzip' });
    expect(nginxOk.status === 200 && nginxOk.body.equals(ok.body), 'nginx does not send the same gzip bytes');
    const nginxTag = nginxOk.headers.etag ?? '';

    const cpu = cpus();
    process.stdout.write(
      `courier serve benchmark: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}\n` +
        `corpus: ${CORPUS_SIZE} articles (${reused ? 'reused' : 'generated'}); ${FEED_PATH}: ${ok.body.length} gzip ` +
        `bytes (ETag ${etag}), the same bytes and header names from Courier and the bare server\n` +
        `wrk: 1 thread, ${chosen.connections} connections, ${chosen.duration} s a run after ${chosen.warmup} s ` +
        `of warm-up, ${chosen.rounds} round(s)\n\n`,
    );
    const targets = { courier: [courier, etag], bare: [bare, etag], nginx: [nginx, nginxTag] } as const;
    const measured: Measured[] = [];
    for (let round = 1; round <= chosen.rounds; round += 1) {
      for (const status of [200, 304] as const) {
        const order: ServerName[] = round % 2 === 1 ? ['courier', 'bare', 'nginx'] : ['nginx', 'bare', 'courier'];
        for (const name of order) {
          const [server, tag] = targets[name];
          const run = await measure(server, status, tag, ok.body.length, chosen);
          measured.push({ ...run, server: name, status, round });
          process.stdout.write(`  round ${round}: ${name} ${status} ${run.wrk.requestsPerSecond.toFixed(0)} req/s\n`);
        }
      }
    }
    printReport(measured, (text) => process.stdout.write(text));
    return 0;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** One warm-up and one measured wrk run against a server, with the CPU the server used meanwhile. */
async function measure(server: Server, status: Status, etag: string, bodyLength: number, chosen: Settings) {
  const headers = ['Accept-Encoding: gzip', ...(status === 304 ? [`If-None-Match: ${etag}`] : [])];
  const run = { url: new URL(FEED_PATH.slice(1), server.url).href, headers, connections: chosen.connections };
  if (chosen.warmup > 0) await runWrk({ ...run, seconds: chosen.warmup });
  const before = server.cpuSeconds();
  const wrk = await runWrk({ ...run, seconds: chosen.duration });
  const used = server.cpuSeconds() - before;
  const meanSize = wrk.bytesRead / Math.max(1, wrk.requests);
  const wrongShape = status === 200 ? meanSize < bodyLength : meanSize > bodyLength / 2;
  return { wrk, serverCores: used / wrk.seconds, cpuPerRequest: used / Math.max(1, wrk.requests), wrongShape };
}

function headersOf(ok: Response, notModified: Response): Pick<BareSpec, 'ok' | 'notModified'> {
  return { ok: explicitHeaders(ok), notModified: explicitHeaders(notModified) };
}

/** The bare server as a process of its own, plain `node`; its address is its first line of output. */
async function startBare(spec: BareSpec): Promise<Server> {
  const specFile = join(OUT, 'serve-bare.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const script = fileURLToPath(new URL('bare-server.js', import.meta.url));
  const child = spawn(process.execPath, [script, specFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { process: child, url, cpuSeconds: () => processCpuSeconds(child.pid ?? 0), stop };
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`sanity check failed: ${message}`);
}

process.exitCode = await main();
