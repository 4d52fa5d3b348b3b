/**
 * `courier build` beside Hugo on the same corpus, as users meet them: each a new process, timed by one
 * `hyperfine -N` call holding both commands, cold (empty output folders, prepared before every run) and
 * unchanged (the folders as the last build left them); peak memory of each from `/usr/bin/time -f %M`.
 *
 *   node dist/bench/paired.js [N ...] [--runs R] [--peak-only] [--courier PATH/bin/courier.js]
 *                             [shape options of paired-corpus.ts]
 *
 * Writes bench/out/paired-results.json and prints a Markdown table. Not a test: nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BENCH_DIR, ensurePairedCorpus, shapeFromArgs, type PairedCorpus } from './paired-corpus.js';

const REPO = resolve(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out');

interface Commands {
  readonly courier: string[];
  readonly hugo: string[];
  readonly wipeCourier: string;
  readonly wipeHugo: string;
}

function commandsFor(corpus: PairedCorpus, courierBin: string): Commands {
  const at = (name: string) => join(corpus.dir, name);
  return {
    courier: [
      process.execPath,
      courierBin,
      'build',
      '--content',
      corpus.courier,
      '--out',
      at('courier-feeds'),
      '--state',
      at('courier-state'),
    ],
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

/** One hyperfine call with both commands; prepare commands, when given, run before every run of each. */
function hyperfine(name: string, commands: Commands, runs: number, prepare: boolean): Record<string, Timing> {
  const file = join(OUT, `paired-${name}.json`);
  const args = ['-N', '--runs', String(runs), '--export-json', file, '--style', 'basic'];
  if (prepare) args.push('--prepare', commands.wipeCourier, '--prepare', commands.wipeHugo);
  args.push('-n', 'courier', commands.courier.join(' '), '-n', 'hugo', commands.hugo.join(' '));
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
  readonly peak: { courierCold: number; hugoCold: number; courierUnchanged: number; hugoUnchanged: number };
}

function measure(n: number, runs: number, peakOnly: boolean, shapeArgs: readonly string[]): SizeResult {
  const corpus = ensurePairedCorpus(join(OUT, `paired-${n}`), shapeFromArgs(n, shapeArgs));
  const commands = commandsFor(corpus, courierBin);
  const wipe = () => {
    run(commands.wipeCourier.split(' '));
    run(commands.wipeHugo.split(' '));
  };
  wipe();
  const peak = {
    courierCold: peakMb(commands.courier),
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

function table(results: readonly SizeResult[]): string {
  const lines = [
    '| N | Courier cold | Hugo cold | ratio | Courier unchanged | Hugo unchanged | ratio | unchanged / cold (Courier) | peak MB cold, Courier / Hugo | ratio |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const [cc, hc, cu, hu] = [r.cold?.courier, r.cold?.hugo, r.unchanged?.courier, r.unchanged?.hugo];
    lines.push(
      `| ${r.n.toLocaleString('en')} | ${seconds(cc)} | ${seconds(hc)} | ${ratio(cc?.median, hc?.median)} | ` +
        `${seconds(cu)} | ${seconds(hu)} | ${ratio(cu?.median, hu?.median)} | ${ratio(cu?.median, cc?.median)} | ` +
        `${r.peak.courierCold} / ${r.peak.hugoCold} | ${ratio(r.peak.courierCold, r.peak.hugoCold)} |`,
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
