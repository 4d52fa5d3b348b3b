/**
 * WebSub benchmark: how long from a change on disk to a subscriber's callback holding the new feed.
 *
 *   node dist/bench/websub.js [--rounds N] [--articles N]
 *
 * Starts Courier (in this process, schedule off) with the built-in hub on 127.0.0.1 over a generated corpus
 * (1000 records by default), and a subscriber (node:http on 127.0.0.1) that subscribes to the site's RSS feed
 * through the hub, with a secret, and checks each push's X-Hub-Signature. Then, N times (20 by default): writes
 * a new record, runs a build (what the watcher or the schedule would start), and waits for the push of the site
 * feed that holds the new record. Printed per round and as median and worst:
 *
 *   - save → pushed: from just before the record is written to the whole body at the callback;
 *   - build: the build's part of that, from the save to the build's publication (its "build finished" entry,
 *     logged in the very tick the built-in hub is handed the build);
 *   - built → pushed: from there to the whole body at the callback (the hub's own part).
 *
 * The time a watcher takes to notice the save is not in it (see the watcher's own measurements); with only the
 * schedule, add up to the schedule's period. A measurement, not a test: no assertion on time. Only 127.0.0.1.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readConfig } from '../src/config/read-config.js';
import type { Logger } from '../src/lib/logger.js';
import { startService } from '../src/service/service.js';
import { DEFAULT_SEED, ensureCorpus, REPO_ROOT } from './corpus.js';

const OUT = join(REPO_ROOT, 'bench', 'out');
const SECRET = 'bench secret';
const ROUND_TIMEOUT_MS = 30_000;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

/** Quiet, but for when each build was published: "build finished" is logged in the tick the hub is handed it. */
const published: number[] = [];
const QUIET: Logger = {
  info: (message) => {
    if (message.startsWith('build finished')) published.push(performance.now());
  },
  warn: () => undefined,
  error: (message) => console.error(message),
};

function post(url: string, fields: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const rounds = option('--rounds', 20);
  const articles = option('--articles', 1000);
  const contentDir = join(OUT, `websub-corpus-${articles}`);
  const feedsDir = join(OUT, `websub-feeds-${articles}`);
  const stateDir = join(OUT, `websub-state-${articles}`);
  ensureCorpus(contentDir, articles, DEFAULT_SEED);
  const added = join(contentDir, 'articles', '2026', '01');
  for (const dir of [feedsDir, stateDir, added]) rmSync(dir, { recursive: true, force: true });
  mkdirSync(added, { recursive: true });

  // The subscriber: echoes challenges, and notes when each signed push of a round's record arrived whole.
  const arrivals = new Map<number, number>();
  const subscriber = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') return void res.end(url.searchParams.get('hub.challenge') ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks);
      const signed = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      res.writeHead(signed === req.headers['x-hub-signature'] ? 204 : 400).end();
      const round = /websub-bench-(\d+)/.exec(body.toString())?.[1];
      if (round !== undefined && signed === req.headers['x-hub-signature'] && !arrivals.has(Number(round)))
        arrivals.set(Number(round), at);
    });
  });
  await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
  const callback = `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/callback`;

  const env = { HOST: '127.0.0.1', PORT: '0', COURIER_HUB: '1', COURIER_HUB_ALLOW_PRIVATE_CALLBACKS: '1' };
  const { config, problems } = readConfig(env, { content: contentDir, out: feedsDir, state: stateDir });
  if (!config) throw new Error(problems.join('; '));
  const service = await startService(config, Date.now, QUIET, { schedule: false });
  try {
    const feedsUrl = /^feeds_url:\s*(\S+)/m.exec(readFileSync(join(contentDir, 'site.yaml'), 'utf8'))?.[1] ?? '';
    const topic = new URL('rss.xml', feedsUrl).href;
    const fields = { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': callback, 'hub.secret': SECRET };
    const status = await post(new URL('/hub', service.url).href, fields);
    if (status !== 202) throw new Error(`subscribe: HTTP ${status} for ${topic}`);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the intent verification, done in the background
    const rows: Array<{ total: number; build: number; push: number }> = [];
    for (let round = 1; round <= rounds; round += 1) {
      const day = String(Math.min(28, round)).padStart(2, '0');
      const record = `---\ntitle: WebSub bench ${round}\npublished: "2026-01-${day}T12:00:00Z"\n---\n\nwebsub-bench-${round}\n`;
      const saved = performance.now();
      writeFileSync(join(added, `websub-bench-${round}.md`), record);
      published.length = 0;
      await service.rebuild();
      const built = published[0] ?? NaN;
      while (!arrivals.has(round)) {
        if (performance.now() - saved > ROUND_TIMEOUT_MS) throw new Error(`round ${round}: no push`);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const at = arrivals.get(round) ?? NaN;
      rows.push({ total: at - saved, build: built - saved, push: at - built });
      console.log(
        `round ${round}: save → pushed ${ms(at - saved)} (build ${ms(built - saved)}, then ${ms(at - built)})`,
      );
    }
    const column = (key: 'total' | 'build' | 'push') => rows.map((row) => row[key]);
    console.log(`\n${rounds} rounds, ${articles} records, one subscriber (127.0.0.1):`);
    console.log('| | median | worst |\n| --- | --- | --- |');
    for (const [name, key] of [
      ['save → pushed', 'total'],
      ['build', 'build'],
      ['built → pushed', 'push'],
    ] as const)
      console.log(`| ${name} | ${ms(median(column(key)))} | ${ms(Math.max(...column(key)))} |`);
  } finally {
    await service.close();
    subscriber.closeAllConnections();
    subscriber.close();
    rmSync(added, { recursive: true, force: true });
  }
}

await main();
