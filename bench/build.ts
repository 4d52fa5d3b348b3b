/**
 * Build benchmark: how long the Builder takes, and how much memory it holds, for corpora of N articles.
 *
 *   node dist/bench/build.js [N ...] [--seed S] [--cpu-prof] [--timeout-min M]
 *
 * For each N (default 1000 10000 50000): generates bench/out/corpus-N (reused when it was made with the
 * same N and seed), empties bench/out/feeds-N, then measures in a child process of its own, so that the
 * peak RSS printed is that of one size alone (the phases it measures: build-phases.ts).
 *
 * This is a measurement, not a test: nothing here asserts on a time.
 */
import { fork } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mb, runChild, type ChildResult } from './build-phases.js';
import { printResult, printSummary } from './build-report.js';
import { DEFAULT_SEED, ensureCorpus, REPO_ROOT } from './corpus.js';

const OUT = join(REPO_ROOT, 'bench', 'out');
const DEFAULT_SIZES = [1000, 10_000, 50_000];
const MAX_SIZES = 10;

function runSize(n: number, seed: number, nodeArgs: readonly string[], timeoutMs: number): Promise<ChildResult> {
  const contentDir = join(OUT, `corpus-${n}`);
  const feedsDir = join(OUT, `feeds-${n}`);
  const started = performance.now();
  const { marker, reused } = ensureCorpus(contentDir, n, seed);
  const corpusSeconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\nN=${n}: corpus ${relative(process.cwd(), contentDir)} (${mb(marker.bytes).toFixed(1)} MB, seed ${seed}) ` +
      `${reused ? 'reused' : `generated in ${corpusSeconds.toFixed(1)} s`}; feeds into an empty ${relative(process.cwd(), feedsDir)}\n`,
  );
  rmSync(feedsDir, { recursive: true, force: true });
  mkdirSync(feedsDir, { recursive: true });

  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--child', '--content', contentDir, '--out', feedsDir, '--n', String(n)],
      {
        execArgv: [...nodeArgs],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    let result: ChildResult | undefined;
    const timer = setTimeout(() => {
      process.stderr.write(`N=${n}: no result after ${timeoutMs / 60_000} min; stopping the child\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message) => {
      result = message as ChildResult;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result && code === 0) resolve(result);
      else reject(new Error(`N=${n}: the child exited with ${signal ?? `code ${code}`}`));
    });
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'boolean' },
      content: { type: 'string' },
      out: { type: 'string' },
      n: { type: 'string' },
      seed: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'timeout-min': { type: 'string' },
    },
  });
  if (values.child) {
    const result = await runChild(values.content ?? '', values.out ?? '', Number(values.n));
    // Sent, then disconnected: the IPC channel would otherwise keep the child alive.
    await new Promise<void>((resolve, reject) =>
      process.send?.(result, undefined, {}, (error) => (error ? reject(error) : resolve())),
    );
    process.disconnect();
    return 0;
  }

  const sizes = positionals.length > 0 ? positionals.map(Number) : DEFAULT_SIZES;
  if (sizes.length > MAX_SIZES || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) {
    process.stderr.write(
      `usage: node dist/bench/build.js [N ...] (at most ${MAX_SIZES} sizes, each a whole number from 1 to 1000000)\n`,
    );
    return 2;
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const timeoutMs = Number(values['timeout-min'] ?? 30) * 60_000;
  const profileDir = join(OUT, 'profiles');
  const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const cpu = cpus();
  process.stdout.write(
    `courier build benchmark: node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
      `${(totalmem() / 1024 ** 3).toFixed(0)} GiB; sizes ${sizes.join(', ')}${values['cpu-prof'] ? `; CPU profiles in ${relative(process.cwd(), profileDir)}` : ''}\n`,
  );

  const results: ChildResult[] = [];
  let failed = false;
  for (const n of sizes) {
    try {
      const result = await runSize(n, seed, nodeArgs, timeoutMs);
      printResult(result);
      results.push(result);
    } catch (error) {
      failed = true;
      process.stderr.write(`${(error as Error).message}\n`);
    }
  }

  if (results.length > 0) printSummary(results);
  return failed ? 1 : 0;
}

process.exitCode = await main();
