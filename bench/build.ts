/**
 * Build benchmark: how long the Builder takes, and how much memory it holds, for corpora of N articles.
 *
 *   node dist/bench/build.js [N ...] [--seed S] [--cpu-prof] [--timeout-min M]
 *
 * For each N (default 1000 10000 50000): generates bench/out/corpus-N (reused when it was made with the
 * same N and seed), empties bench/out/feeds-N, then measures in a child process of its own, so that the
 * peak RSS printed is that of one size alone:
 *   1. cold build           a new Builder, an empty feeds folder: parse every record, render, compress, write;
 *   2. rebuild, unchanged   the same Builder again, nothing changed on disk;
 *   3. rebuild, 1 changed   the same Builder after the newest record's title was rewritten (so its size and
 *                           mtime change); the newest record is in the site feed and in its category and author
 *                           feeds, so those are re-rendered. The record is restored afterwards.
 *   4. watched, unchanged   as 2, told that no file changed (what `courier serve` does when its watch saw none);
 *   5. watched, 1 changed   as 3, told which file changed (a build the watch started).
 * Phases 2 and 3 look at every record (a stat each); 4 and 5 at the files named only.
 * Wall time is performance.now() around `await builder.build(Date.now())`. Peak RSS is
 * process.resourceUsage().maxRSS, the high-water mark of the child so far (it never goes down).
 *
 * This is a measurement, not a test: nothing here asserts on a time.
 */
import { fork } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Builder } from '../src/publish/builder.js';
import type { ContentChanges } from '../src/content/load.js';
import type { BuildReport } from '../src/publish/report.js';
import { DEFAULT_SEED, ensureCorpus, readMarker, REPO_ROOT } from './corpus.js';

const OUT = join(REPO_ROOT, 'bench', 'out');
const DEFAULT_SIZES = [1000, 10_000, 50_000];
const MAX_SIZES = 10;

interface Phase {
  readonly name: string;
  readonly wallMs: number;
  /** process.resourceUsage().maxRSS after the phase, in MB: the child's peak so far. */
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
  readonly records: number;
  readonly publicArticles: number;
  readonly files: number;
  readonly written: number;
  readonly removed: number;
  readonly problems: number;
}

interface ChildResult {
  readonly n: number;
  readonly phases: readonly Phase[];
  readonly changedFile: string;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

// ---------------------------------------------------------------- child: one size, one process

async function runChild(contentDir: string, feedsDir: string, n: number): Promise<ChildResult> {
  const marker = readMarker(contentDir);
  if (!marker) throw new Error(`${contentDir} is not a benchmark corpus`);
  const builder = new Builder(contentDir, feedsDir);
  const phases: Phase[] = [];
  const measure = async (name: string, changes: ContentChanges = 'unknown') => {
    const started = performance.now();
    const report: BuildReport = await builder.build(Date.now(), changes);
    const wallMs = performance.now() - started;
    if (!report.ok) throw new Error(`${name}: the build failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
    phases.push({
      name,
      wallMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapUsedMb: mb(process.memoryUsage().heapUsed),
      records: report.records,
      publicArticles: report.publicArticles,
      files: report.publication?.files.length ?? 0,
      written: report.written.length,
      removed: report.removed.length,
      problems: report.problems.length,
    });
  };

  await measure('cold build');
  await measure('rebuild, unchanged');

  const changed = join(contentDir, marker.newest.file);
  const original = readFileSync(changed, 'utf8');
  const edited = original.replace(/^title: (.*)$/m, (_line, title: string) => `title: ${title} (corrected)`);
  if (edited === original) throw new Error(`no title line in ${changed}`);
  writeFileSync(changed, edited);
  try {
    await measure('rebuild, 1 changed');
    await measure('watched, unchanged', []);
    writeFileSync(changed, `${edited}\nAgain.\n`);
    await measure('watched, 1 changed', [marker.newest.file]);
  } finally {
    writeFileSync(changed, original);
  }
  return { n, phases, changedFile: marker.newest.file };
}

// ---------------------------------------------------------------- parent: corpora, children, report

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

const fixed = (value: number, digits: number) => value.toFixed(digits);

function printResult(result: ChildResult): void {
  const header = [
    'phase',
    'wall ms',
    'peak RSS MB',
    'heap used MB',
    'files',
    'written',
    'removed',
    'records',
    'public',
    'problems',
  ];
  const rows = result.phases.map((p) => [
    p.name,
    fixed(p.wallMs, 1),
    fixed(p.peakRssMb, 1),
    fixed(p.heapUsedMb, 1),
    String(p.files),
    String(p.written),
    String(p.removed),
    String(p.records),
    String(p.publicArticles),
    String(p.problems),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  process.stdout.write(`  ${line(header)}\n${rows.map((row) => `  ${line(row)}`).join('\n')}\n`);
  process.stdout.write(
    `  (1 changed = ${result.changedFile}; peak RSS is the child's high-water mark after each phase)\n`,
  );
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

  if (results.length > 0) {
    process.stdout.write('\nSummary (wall ms / files written; peak RSS MB of the child after all phases):\n\n');
    process.stdout.write(
      '| N | cold build | rebuild, unchanged | rebuild, 1 changed | watched, unchanged | watched, 1 changed | peak RSS MB |\n|---:|---:|---:|---:|---:|---:|---:|\n',
    );
    for (const { n, phases } of results) {
      const cell = (p: Phase | undefined) => (p ? `${fixed(p.wallMs, 0)} ms / ${p.written}` : '–');
      process.stdout.write(`| ${n} | ${phases.map(cell).join(' | ')} | ${fixed(phases.at(-1)?.peakRssMb ?? 0, 0)} |\n`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
