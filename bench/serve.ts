/**
 * Serve benchmark: Courier's hot path (GET /feeds/rss.xml) against a bare node:http server that answers
 * with the very same gzip bytes and headers, for a 200 and for a 304.
 *
 *   node dist/bench/serve.js [--duration S] [--warmup S] [--connections C] [--rounds R] [--keep-bodies]
 *
 * Scenarios, each run with autocannon (50 connections, pipelining 1, 10 s by default, after a warm-up run
 * whose figures are dropped), in 3 rounds by default (medians printed; on a shared 2-core VM one round's
 * Courier/bare ratio has been seen anywhere from 0.7 to 1.4), each pair's order swapped every other round:
 *   a. Courier /feeds/rss.xml, Accept-Encoding: gzip                       -> 200
 *   b. bare server, same request                                           -> 200
 *   c. Courier, Accept-Encoding: gzip and If-None-Match: <the gzip ETag>   -> 304
 *   d. bare server, same request                                           -> 304
 *   e. nginx (1 process, gzip_static, the same .gz file Courier wrote)      -> 200
 *   f. nginx, If-None-Match: nginx's own ETag                               -> 304
 * Printed: requests/s (autocannon's mean of its one-second samples), p50 and p99 latency, status counts,
 * the CPU the server process and the load generator used, the server's CPU time per request (the figure that
 * holds up best on a loaded machine: it does not depend on how much CPU the server was given), and the
 * Courier/bare and Courier/nginx ratios.
 *
 * Where each part runs, and why: the machine this is meant for has 2 cores. The load generator
 * (autocannon) runs in this, the parent process; each server runs in a process of its own, and only one server
 * is under load at a time: Courier as an operator runs it, the Procfile's web process with its node flags and
 * default settings (courier-process.ts), the bare server forked from this file with this process's flags. So
 * the server under test has one core and the load generator the other, and neither server's process carries
 * the other's heap (Courier's builder and Express app stay out of the bare server's GC, and the reverse).
 * Running autocannon in the servers' process instead would make both share one event loop and one core, and
 * the figures would measure autocannon as much as the server. When the load generator's CPU column is near
 * 100 % it, not the server, is the limit, and the ratio then understates the difference between the two servers.
 *
 * autocannon 9 appends every response body to a string (`req.body += data` in lib/pipelinedRequestsQueue.js,
 * see mcollina/autocannon#485), which UTF-8-decodes each chunk: for an 80 KB gzip body that decoding, not the
 * server, bounds the run (about 900 req/s here, the server's CPU at 20 %, autocannon's at 100 %). The body is
 * only needed by onResponse/expectBody/verifyBody, which this benchmark does not use, so by default addBody is
 * replaced with a no-op in this process (byte counts and latencies are recorded elsewhere and unaffected).
 * --keep-bodies runs autocannon as shipped.
 *
 * Only 127.0.0.1 is used. Every wait has a time bound, the number of runs is bounded, and a watchdog ends the
 * run (and the children) if it takes far longer than planned. A measurement, not a test: no assertion on time.
 */
import autocannon from 'autocannon';
import PipelinedRequestsQueue from 'autocannon/lib/pipelinedRequestsQueue.js';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCourier, type RunningCourier } from './courier-process.js';
import { DEFAULT_SEED, ensureCorpus, REPO_ROOT } from './corpus.js';
import { startNginx, type RunningNginx } from './nginx.js';

const HOST = '127.0.0.1';
const FEED_PATH = '/feeds/rss.xml';
const OUT = join(REPO_ROOT, 'bench', 'out');
/** 200 records: more than items_per_feed (50), so the site feed is full, as in production. */
const CORPUS_SIZE = 200;
/** A server child ends itself after this long whatever happens, so none outlives a broken run. */
const CHILD_LIFETIME_MS = 30 * 60_000;
const STARTUP_TIMEOUT_MS = 60_000;
/** Headers that node:http adds by itself to every response: left out of what the bare server is given. */
const AUTOMATIC = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

type Message =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; usage: NodeJS.CpuUsage }
  | { type: 'serve'; body: Buffer; ok: string[]; notModified: string[]; etag: string }
  | { type: 'cpu?' }
  | { type: 'stop' };

// ---------------------------------------------------------------- server children

/** Answers the parent's questions; exits when told, when the parent goes away, or after CHILD_LIFETIME_MS. */
function serveParent(close: () => Promise<void>): void {
  const stop = () => {
    void close().finally(() => process.exit(0));
  };
  process.on('message', (message: Message) => {
    if (message.type === 'cpu?') process.send?.({ type: 'cpu', usage: process.cpuUsage() } satisfies Message);
    if (message.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  setTimeout(() => process.exit(3), CHILD_LIFETIME_MS).unref();
}

/**
 * The baseline: node:http alone, one preloaded body and two preloaded header lists, an exact If-None-Match
 * comparison and nothing else (no encoding negotiation: it always sends the gzip bytes).
 */
function runBare(): void {
  process.once('message', (message: Message) => {
    if (message.type !== 'serve') throw new Error(`expected the bytes to serve, found ${message.type}`);
    const body = Buffer.from(message.body);
    const { ok, notModified, etag } = message;
    const server = createServer((req, res) => {
      if (req.url === FEED_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, notModified);
          res.end();
        } else {
          res.writeHead(200, ok);
          res.end(req.method === 'HEAD' ? undefined : body);
        }
        return;
      }
      res.writeHead(404, ['Content-Type', 'text/plain']);
      res.end('Not found\n');
    });
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      serveParent(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      process.send?.({ type: 'ready', url: `http://${HOST}:${port}/` } satisfies Message);
    });
  });
}

// ---------------------------------------------------------------- parent: load generator

function nextMessage<T extends Message['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${type}" from the child within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: Message) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<Message, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the child exited (${code}) before sending "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function forkServer(args: readonly string[]): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
}

interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** One GET on a fresh connection, body left as sent (not decompressed). */
function get(url: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The response's headers as a flat [name, value, …] list, less those node:http adds by itself. */
function explicitHeaders(response: Response): string[] {
  const flat: string[] = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    const name = response.rawHeaders[i] ?? '';
    if (!AUTOMATIC.has(name.toLowerCase())) flat.push(name, response.rawHeaders[i + 1] ?? '');
  }
  return flat;
}

const headerNames = (response: Response) => Object.keys(response.headers).sort().join(', ');

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`sanity check failed: ${message}`);
}

interface Scenario {
  readonly key: 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
  readonly name: string;
  readonly server: 'courier' | 'bare' | 'nginx';
  readonly status: 200 | 304;
}

const SCENARIOS: readonly Scenario[] = [
  { key: 'a', name: 'Courier 200 gzip', server: 'courier', status: 200 },
  { key: 'b', name: 'bare    200 gzip', server: 'bare', status: 200 },
  { key: 'c', name: 'Courier 304', server: 'courier', status: 304 },
  { key: 'd', name: 'bare    304', server: 'bare', status: 304 },
  { key: 'e', name: 'nginx   200 gzip', server: 'nginx', status: 200 },
  { key: 'f', name: 'nginx   304', server: 'nginx', status: 304 },
];
/** Odd rounds run in this order, even rounds in the reverse of each status's three, so no server always leads. */
const ORDERS = [
  [0, 1, 4, 2, 3, 5],
  [4, 1, 0, 5, 3, 2],
] as const;

interface Measured {
  readonly scenario: Scenario;
  readonly round: number;
  readonly result: autocannon.Result;
  readonly serverCpu: number;
  readonly loadCpu: number;
  /** Server CPU seconds per request answered. */
  readonly cpuPerRequest: number;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      'keep-bodies': { type: 'boolean' },
    },
  });
  if (values.server === 'bare') {
    runBare();
    return 0;
  }

  const duration = Number(values.duration ?? 10);
  const warmup = Number(values.warmup ?? 3);
  const connections = Number(values.connections ?? 50);
  const rounds = Number(values.rounds ?? 3);
  const bounded = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (
    !bounded(duration, 1, 120) ||
    !bounded(warmup, 0, 60) ||
    !bounded(connections, 1, 1000) ||
    !bounded(rounds, 1, 5)
  ) {
    process.stderr.write(
      'usage: node dist/bench/serve.js [--duration 1..120] [--warmup 0..60] [--connections 1..1000] [--rounds 1..5]\n',
    );
    return 2;
  }

  if (!values['keep-bodies'])
    PipelinedRequestsQueue.prototype.addBody = function addBody() {
      /* body not kept: see the top of the file */
    };

  // Watchdog: the planned load time plus generous slack for start-up and checks; then everything stops.
  const plannedMs = rounds * SCENARIOS.length * (duration + warmup) * 1000;
  const children: ChildProcess[] = [];
  let stopNginx = (): Promise<void> => Promise.resolve();
  let courier: RunningCourier | undefined;
  const watchdog = setTimeout(
    () => {
      process.stderr.write('serve benchmark: far over its planned time; stopping\n');
      for (const child of children) child.kill('SIGKILL');
      courier?.process.kill('SIGKILL');
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

    const running = await startCourier({ content: contentDir, out: feedsDir, state: stateDir }, STARTUP_TIMEOUT_MS);
    courier = running;
    const courierUrl = new URL(FEED_PATH, running.url).href;

    // What Courier serves, taken from Courier itself: the bare server is given exactly these bytes and headers.
    const ok = await get(courierUrl, { 'accept-encoding': 'gzip' });
    expect(ok.status === 200, `Courier ${FEED_PATH} answered ${ok.status}`);
    expect(
      ok.headers['content-encoding'] === 'gzip',
      `Courier sent content-encoding ${ok.headers['content-encoding']}`,
    );
    const etag = ok.headers.etag ?? '';
    expect(/^"[0-9a-f]+-gzip"$/.test(etag), `unexpected ETag ${etag}`);
    const notModified = await get(courierUrl, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(notModified.status === 304, `Courier answered ${notModified.status} to If-None-Match`);
    const jsonFeed = await get(new URL('/feeds/feed.json', courierUrl).href, {});
    const items = (JSON.parse(jsonFeed.body.toString('utf8')) as { items: unknown[] }).items.length;

    const bare = forkServer(['--server', 'bare']);
    children.push(bare);
    bare.send({
      type: 'serve',
      body: ok.body,
      ok: explicitHeaders(ok),
      notModified: explicitHeaders(notModified),
      etag,
    } satisfies Message);
    const bareUrl = new URL(FEED_PATH, (await nextMessage(bare, 'ready', STARTUP_TIMEOUT_MS)).url).href;
    const bareOk = await get(bareUrl, { 'accept-encoding': 'gzip' });
    const bareNotModified = await get(bareUrl, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(bareOk.status === 200 && bareOk.body.equals(ok.body), 'the bare server does not send the same 200 bytes');
    expect(bareNotModified.status === 304, `the bare server answered ${bareNotModified.status} to If-None-Match`);
    expect(
      headerNames(bareOk) === headerNames(ok) && headerNames(bareNotModified) === headerNames(notModified),
      'the two servers send different header sets',
    );

    const nginx: RunningNginx = await startNginx(
      feedsDir,
      join(OUT, 'serve-nginx'),
      String(ok.headers['cache-control']),
    );
    stopNginx = () => nginx.stop();
    const nginxUrl = new URL(FEED_PATH, nginx.url).href;
    const nginxOk = await get(nginxUrl, { 'accept-encoding': 'gzip' });
    expect(nginxOk.status === 200 && nginxOk.body.equals(ok.body), 'nginx does not send the same gzip bytes');
    const nginxTag = nginxOk.headers.etag ?? '';
    const nginxNotModified = await get(nginxUrl, { 'accept-encoding': 'gzip', 'if-none-match': nginxTag });
    expect(nginxNotModified.status === 304, `nginx answered ${nginxNotModified.status} to If-None-Match`);

    const cpu = cpus();
    process.stdout.write(
      `courier serve benchmark: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}\n` +
        `corpus: ${CORPUS_SIZE} articles (${reused ? 'reused' : 'generated'}), site feed ${items} items; ` +
        `${FEED_PATH}: ${ok.body.length} gzip bytes (ETag ${etag}), same bytes and header names from both servers\n` +
        `Courier ${courierUrl} (the Procfile's web process) and bare ${bareUrl}, each a process of its own; autocannon in this process\n` +
        `autocannon: ${connections} connections, pipelining 1, ${duration} s per run after a ${warmup} s warm-up, ${rounds} round(s), ` +
        `${values['keep-bodies'] ? 'response bodies kept as strings (autocannon as shipped)' : 'response bodies not kept (addBody patched out)'}\n\n`,
    );

    const measured: Measured[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      // Every other round runs each pair the other way round (bare first), so neither server always goes first.
      const order = ORDERS[(round - 1) % 2]!.map((i) => SCENARIOS[i]!);
      for (const scenario of order) {
        const { server } = scenario;
        const tag = server === 'nginx' ? nginxTag : etag;
        const options: autocannon.Options = {
          url: server === 'courier' ? courierUrl : server === 'bare' ? bareUrl : nginxUrl,
          connections,
          pipelining: 1,
          timeout: 10,
          headers:
            scenario.status === 304
              ? { 'accept-encoding': 'gzip', 'if-none-match': tag }
              : { 'accept-encoding': 'gzip' },
        };
        const serverCpuSeconds = async (): Promise<number> => {
          if (server === 'nginx') return nginx.cpuSeconds();
          if (server === 'courier') return running.cpuSeconds();
          bare.send({ type: 'cpu?' } satisfies Message);
          return cpuSeconds((await nextMessage(bare, 'cpu', 5000)).usage);
        };
        if (warmup > 0) await autocannon({ ...options, duration: warmup });
        const before = await serverCpuSeconds();
        const loadBefore = process.cpuUsage();
        const started = performance.now();
        const result = await autocannon({ ...options, duration });
        const wall = (performance.now() - started) / 1000;
        const loadCpu = cpuSeconds(process.cpuUsage(loadBefore)) / wall;
        const used = (await serverCpuSeconds()) - before;
        const serverCpu = used / wall;
        const cpuPerRequest = used / Math.max(1, result.requests.total);
        measured.push({ scenario, round, result, serverCpu, loadCpu, cpuPerRequest });
        process.stdout.write(
          `  round ${round} ${scenario.key}. ${scenario.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms\n`,
        );
      }
    }

    printReport(measured, rounds);
    return 0;
  } finally {
    await stopNginx();
    await courier?.stop();
    for (const child of children) {
      if (child.connected) child.send({ type: 'stop' } satisfies Message);
    }
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              resolve();
              return;
            }
            const timer = setTimeout(() => {
              child.kill('SIGKILL');
            }, 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function printReport(measured: readonly Measured[], rounds: number): void {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'expected',
    'other',
    'errors',
    'timeouts',
    'server CPU',
    'autocannon CPU',
    'CPU µs/req',
  ];
  const summary = SCENARIOS.map((scenario) => {
    const runs = measured.filter((m) => m.scenario === scenario);
    const total = (pick: (r: autocannon.Result) => number) => runs.reduce((sum, m) => sum + pick(m.result), 0);
    const expected = total((r) => r.statusCodeStats[String(scenario.status)]?.count ?? 0);
    const all = total((r) => r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']);
    return {
      scenario,
      rps: median(runs.map((m) => m.result.requests.average)),
      p50: median(runs.map((m) => m.result.latency.p50)),
      p99: median(runs.map((m) => m.result.latency.p99)),
      max: Math.max(...runs.map((m) => m.result.latency.max)),
      expected,
      other: all - expected,
      errors: total((r) => r.errors),
      timeouts: total((r) => r.timeouts),
      serverCpu: median(runs.map((m) => m.serverCpu)),
      loadCpu: median(runs.map((m) => m.loadCpu)),
      cpuPerRequest: median(runs.map((m) => m.cpuPerRequest)),
    };
  });
  const rows = summary.map((s) => [
    `${s.scenario.key}. ${s.scenario.name}`,
    s.rps.toFixed(0),
    s.p50.toFixed(0),
    s.p99.toFixed(0),
    s.max.toFixed(0),
    `${s.expected} × ${s.scenario.status}`,
    String(s.other),
    String(s.errors),
    String(s.timeouts),
    `${(s.serverCpu * 100).toFixed(0)} %`,
    `${(s.loadCpu * 100).toFixed(0)} %`,
    (s.cpuPerRequest * 1e6).toFixed(0),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  process.stdout.write(
    `\n${rounds > 1 ? `Median of ${rounds} rounds (counts summed):\n` : ''}  ${line(header)}\n${rows.map((row) => `  ${line(row)}`).join('\n')}\n`,
  );

  const by = (key: Scenario['key']) => summary.find((s) => s.scenario.key === key)!;
  const ratio = (courier: ReturnType<typeof by>, bare: ReturnType<typeof by>) =>
    `req/s ${(courier.rps / bare.rps).toFixed(2)}, p99 ${bare.p99 > 0 ? (courier.p99 / bare.p99).toFixed(2) : 'n/a'}`;
  const perRequest = (courier: ReturnType<typeof by>, other: ReturnType<typeof by>) =>
    `CPU per request ${(courier.cpuPerRequest / other.cpuPerRequest).toFixed(2)}×`;
  for (const [name, ok, notModified] of [
    ['bare', 'b', 'd'],
    ['nginx', 'e', 'f'],
  ] as const) {
    const [courierOk, courierNotModified, otherOk, otherNotModified] = [by('a'), by('c'), by(ok), by(notModified)];
    process.stdout.write(
      `Courier / ${name}: 200: ${ratio(courierOk, otherOk)}, ${perRequest(courierOk, otherOk)}; ` +
        `304: ${ratio(courierNotModified, otherNotModified)}, ${perRequest(courierNotModified, otherNotModified)}\n`,
    );
  }
  const unexpected = summary.filter((s) => s.other > 0 || s.errors > 0 || s.timeouts > 0);
  if (unexpected.length > 0) {
    process.stdout.write(
      `warning: unexpected statuses, errors or timeouts in ${unexpected.map((s) => s.scenario.key).join(', ')}: those figures are not comparable\n`,
    );
  }
}

process.exitCode = await main();
