/**
 * Save-to-feed benchmark: how long from saving a record to the served feed showing it, through a real
 * `courier serve` watching its content folder.
 *
 *   node dist/bench/save-to-feed.js [--n N] [--saves S] [--watch events|poll] [--interval MS] [--gap MS]
 *
 * Copies the corpus of N records (default 1000; bench/out/corpus-N, made by corpus.ts when missing) to
 * bench/out/save-to-feed/content, starts `node bin/courier.js serve` over it (schedule once a year, so only the
 * watch builds), waits for its first build, then S times (default 20), GAP ms apart (default 1500): saves a new
 * record as an editor does (written beside, renamed into place) and asks for /feeds/rss.xml every 5 ms
 * (conditionally, with the last ETag) until the feed holds the record's title. Printed: each latency (from the
 * rename's return to the first response holding the title), then the median and the worst.
 *
 * This is a measurement, not a test: nothing here asserts on a time.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, REPO_ROOT } from './corpus.js';

const OUT = join(REPO_ROOT, 'bench', 'out');
const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    saves: { type: 'string', default: '20' },
    watch: { type: 'string', default: 'events' },
    interval: { type: 'string', default: '1000' },
    gap: { type: 'string', default: '1500' },
  },
});
const n = Number(values.n);
const saves = Number(values.saves);
const gapMs = Number(values.gap);

const corpus = join(OUT, `corpus-${n}`);
ensureCorpus(corpus, n);
const root = join(OUT, 'save-to-feed');
rmSync(root, { recursive: true, force: true });
const content = join(root, 'content');
cpSync(corpus, content, { recursive: true });
const env = {
  PATH: process.env.PATH ?? '',
  HOST: '127.0.0.1',
  PORT: '0',
  COURIER_SCHEDULE: '0 0 1 1 *',
  COURIER_WATCH: values.watch,
  COURIER_WATCH_INTERVAL: values.interval,
  COURIER_LOG_FORMAT: 'json',
};
const args = [join(REPO_ROOT, 'bin', 'courier.js'), 'serve', '--content', content, '--out', join(root, 'feeds')];
const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));

const agent = new Agent({ keepAlive: true });
let etag = '';

try {
  const url = await until(() => /"msg":"serving (http:\/\/[^"\s]+\/)"/.exec(log)?.[1], 120_000);
  await until(() => (log.includes(`"msg":"build finished`) && log.includes(`"msg":"watching `)) || undefined, 600_000);
  const latencies: number[] = [];
  const builds: number[] = [];
  for (let i = 0; i < saves; i += 1) {
    const title = `Saved For The Benchmark Number ${i} ${process.pid}`;
    const file = join(content, 'articles', '2026', '11', `bench-save-${i}.md`);
    mkdirSync(join(content, 'articles', '2026', '11'), { recursive: true });
    const published = `${new Date(Date.now() - 60_000).toISOString().slice(0, 19)}+00:00`;
    writeFileSync(`${file}.tmp`, `---\ntitle: ${title}\npublished: "${published}"\nauthors: [Bench]\n---\n\nBody.\n`);
    renameSync(`${file}.tmp`, file);
    const logged = log.length;
    const saved = performance.now();
    await until(async () => ((await feed(url)).includes(title) ? true : undefined), 30_000, 5);
    latencies.push(performance.now() - saved);
    const built = [...log.slice(logged).matchAll(/"durationMs":([\d.]+)[^\n]*"msg":"build finished/g)];
    builds.push(...built.map((match) => Number(match[1])));
    const buildText = built.map((match) => `${Number(match[1]).toFixed(0)} ms`).join(', ');
    process.stdout.write(
      `save ${String(i + 1).padStart(2)}: ${latencies.at(-1)!.toFixed(0)} ms (build ${buildText})\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const how = values.watch === 'poll' ? `poll every ${values.interval} ms` : 'events';
  process.stdout.write(
    `save to served feed, ${n} records, watch ${how}: median ${median(latencies).toFixed(0)} ms, ` +
      `worst ${sorted.at(-1)!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms (${saves} saves); ` +
      `the builds themselves: median ${median(builds).toFixed(0)} ms\n`,
  );
} finally {
  child.kill('SIGTERM');
  agent.destroy();
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
}

/** /feeds/rss.xml, asked with the last ETag: its text on a 200, '' on a 304. */
function feed(base: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const headers = etag ? { 'if-none-match': etag } : {};
    const req = request({ host: hostname, port, path: '/feeds/rss.xml', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode === 200) etag = res.headers.etag ?? '';
        resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString() : '');
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `probe` every `everyMs` until it gives a value; throws after `timeoutMs`. */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 50) {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms; the log so far:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
