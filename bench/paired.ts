/**
 * `courier build` beside Hugo on the same corpus, as users meet them: each a new process, timed by one
 * `hyperfine -N` call holding the three commands (Courier, Courier with archives off, Hugo), cold (empty output
 * folders, prepared before every run) and unchanged (the folders as the last build left them, after `sync`);
 * peak memory of each from `/usr/bin/time -f %M`.
 *
 *   node dist/bench/paired.js [N ...] [--runs R] [--peak-only] [--courier PATH/bin/courier.js]
 *                             [shape options of paired-corpus-shape.ts]
 *
 * Writes bench/out/paired-results.json and prints a Markdown table. Not a test: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_DIR, ensurePairedCorpus, type PairedCorpus } from './paired-corpus.js';
import { shapeFromArgs } from './paired-corpus-shape.js';

const REPO = resolve(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out');

interface Commands {
  readonly courier: string[];
  /** Courier making the feeds Hugo makes and no more: site.yaml `archives: false` (feeds-only/ beside). */
  readonly feedsOnly: string[];
  readonly hugo: string[];
  readonly wipeCourier: string;
  readonly wipeFeedsOnly: string;
  readonly wipeHugo: string;
}

function commandsFor(corpus: PairedCorpus, courierBin: string): Commands {
  const at = (name: string) => join(corpus.dir, name);
  const courier = (content: string, suffix: string) => [
    process.execPath,
    courierBin,
    'build',
    '--content',
    content,
    '--out',
    at(`courier-feeds${suffix}`),
    '--state',
    at(`courier-state${suffix}`),
  ];
  return {
    courier: courier(corpus.courier, ''),
    feedsOnly: courier(feedsOnlyContent(corpus), '-feeds-only'),
    hugo: [
      'hugo',
      '--quiet',
      '-s',
      join(BENCH_DIR, 'hugo-site'),
      '--contentDir',
      corpus.hugo,
      '-d',
      at('hugo-public'),
      '--cacheDir',
      at('hugo-cache'),
    ],
    wipeCourier: `rm -rf ${at('courier-feeds')} ${at('courier-state')}`,
    wipeFeedsOnly: `rm -rf ${at('courier-feeds-feeds-only')} ${at('courier-state-feeds-only')}`,
    wipeHugo: `rm -rf ${at('hugo-public')} ${at('hugo-cache')}`,
  };
}

function run(command: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const [file, ...args] = command;
  const result = spawnSync(file ?? '', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stderr;
}

interface Timing {
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Seconds of CPU, user + system, mean per run. */
  readonly cpu: number;
}

/** Courier's content with archives off: its own site.yaml, the same articles folder (a symbolic link). */
function feedsOnlyContent(corpus: PairedCorpus): string {
  const folder = join(corpus.dir, 'feeds-only');
  mkdirSync(folder, { recursive: true });
  const site = readFileSync(join(corpus.courier, 'site.yaml'), 'utf8');
  writeFileSync(join(folder, 'site.yaml'), `${site.replace(/^archives:.*\n/m, '')}archives: false\n`);
  rmSync(join(folder, 'articles'), { force: true });
  symlinkSync(join(corpus.courier, 'articles'), join(folder, 'articles'));
  return folder;
}

/**
 * One hyperfine call with the three commands. Cold: each run starts from empty output folders. Unchanged: each
 * starts after `sync`, so the gigabytes the cold runs wrote are on disk first and the unchanged runs measure what
 * a cron job meets, not the disk writing them back.
 */
function hyperfine(name: string, commands: Commands, runs: number, cold: boolean): Record<string, Timing> {
  const file = join(OUT, `paired-${name}.json`);
  const args = ['-N', '--runs', String(runs), '--export-json', file, '--style', 'basic'];
  if (cold) {
    args.push('--prepare', commands.wipeCourier, '--prepare', commands.wipeFeedsOnly, '--prepare', commands.wipeHugo);
  } else {
    args.push('--prepare', 'sync');
  }
  args.push('-n', 'courier', commands.courier.join(' '), '-n', 'feeds-only', commands.feedsOnly.join(' '));
  args.push('-n', 'hugo', commands.hugo.join(' '));
  const result = spawnSync('hyperfine', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`hyperfine exited ${result.status}`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    results: Array<{
      command: string;
      median: number;
      mean: number;
      min: number;
      max: number;
      user: number;
      system: number;
    }>;
  };
  return Object.fromEntries(
    json.results.map((r) => [
      r.command,
      { median: r.median, mean: r.mean, min: r.min, max: r.max, cpu: r.user + r.system },
    ]),
  );
}

/** Peak resident set of one run, in MB, from GNU time. */
function peakMb(command: readonly string[]): number {
  const stderr = run(['/usr/bin/time', '-f', '%M', ...command]);
  const kb = Number(stderr.trim().split('\n').pop());
  return Math.round(kb / 1024);
}

interface SizeResult {
  readonly n: number;
  readonly cold?: Record<string, Timing>;
  readonly unchanged?: Record<string, Timing>;
  readonly peak: {
    courierCold: number;
    feedsOnlyCold: number;
    hugoCold: number;
    courierUnchanged: number;
    hugoUnchanged: number;
  };
}

function measure(n: number, runs: number, peakOnly: boolean, shapeArgs: readonly string[]): SizeResult {
  const corpus = ensurePairedCorpus(join(OUT, `paired-${n}`), shapeFromArgs(n, shapeArgs));
  const commands = commandsFor(corpus, courierBin);
  const wipe = () => {
    run(commands.wipeCourier.split(' '));
    run(commands.wipeFeedsOnly.split(' '));
    run(commands.wipeHugo.split(' '));
  };
  wipe();
  const peak = {
    courierCold: peakMb(commands.courier),
    feedsOnlyCold: peakMb(commands.feedsOnly),
    hugoCold: peakMb(commands.hugo),
    courierUnchanged: 0,
    hugoUnchanged: 0,
  };
  peak.courierUnchanged = peakMb(commands.courier);
  peak.hugoUnchanged = peakMb(commands.hugo);
  if (peakOnly) return { n, peak };
  const cold = hyperfine(`${n}-cold`, commands, runs, true);
  const unchanged = hyperfine(`${n}-unchanged`, commands, runs, false);
  return { n, cold, unchanged, peak };
}

const seconds = (t: Timing | undefined) => (t === undefined ? '–' : `${t.median.toFixed(2)} s`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}×`;

const cpu = (t: Timing | undefined) => (t === undefined ? '–' : `${t.cpu.toFixed(2)} s`);

/** Wall medians, then CPU (user + system, mean), each with Courier's ratio to Hugo. */
function table(results: readonly SizeResult[]): string {
  const lines = [
    '| N | | Courier cold | feeds only cold | Hugo cold | ratio | feeds only ratio | Courier unchanged | Hugo unchanged | ratio | unchanged / cold (Courier) | peak MB cold, Courier / feeds only / Hugo |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const [cc, fc, hc] = [r.cold?.courier, r.cold?.['feeds-only'], r.cold?.hugo];
    const [cu, hu] = [r.unchanged?.courier, r.unchanged?.hugo];
    const { peak } = r;
    const row = (what: string, show: (t: Timing | undefined) => string, of: (t: Timing) => number) =>
      `| ${r.n.toLocaleString('en')} | ${what} | ${show(cc)} | ${show(fc)} | ${show(hc)} | ` +
      `${ratio(cc && of(cc), hc && of(hc))} | ${ratio(fc && of(fc), hc && of(hc))} | ${show(cu)} | ${show(hu)} | ` +
      `${ratio(cu && of(cu), hu && of(hu))} | ${ratio(cu && of(cu), cc && of(cc))} | ` +
      `${peak.courierCold} / ${peak.feedsOnlyCold} / ${peak.hugoCold} |`;
    lines.push(
      row('wall', seconds, (t) => t.median),
      row('CPU', cpu, (t) => t.cpu),
    );
  }
  return lines.join('\n');
}

const args = process.argv.slice(2);
const sizes: number[] = [];
let runs = 5;
let peakOnly = false;
/** `--courier PATH`: another copy's bin/courier.js (a snapshot, so a long run measures one version). */
let courierBin = join(REPO, 'bin', 'courier.js');
const shapeArgs: string[] = [];
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i] ?? '';
  if (arg === '--runs') runs = Number(args[(i += 1)]);
  else if (arg === '--peak-only') peakOnly = true;
  else if (arg === '--courier') courierBin = resolve(args[(i += 1)] ?? '');
  else if (arg.startsWith('--')) shapeArgs.push(arg, args[(i += 1)] ?? '');
  else sizes.push(Number(arg));
}
mkdirSync(OUT, { recursive: true });
const results: SizeResult[] = [];
for (const n of sizes.length > 0 ? sizes : [1000, 10_000, 50_000]) {
  results.push(measure(n, runs, peakOnly, shapeArgs));
  process.stdout.write(`\n${table(results)}\n\n`);
}
writeFileSync(join(OUT, 'paired-results.json'), `${JSON.stringify(results, null, 2)}\n`);
