/**
 * What taking a build from the build worker costs the serving thread (service/build-worker.ts). Builds the
 * paired corpus of N records in a WorkerBuilder, cold and then with nothing changed, and reports for each the
 * longest the serving thread's event loop was held (perf_hooks' event-loop delay, max) while the build ran and
 * its files arrived. Then, for comparison, what copying the publication's bytes instead of transferring them
 * would cost the receiving thread: v8.deserialize of the files, serialized as postMessage would send them.
 *
 *   node dist/bench/build-transfer.js [N]
 *
 * Not a test: nothing here asserts a time.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import type { BuildReport } from '../src/publish/report.js';
import { WorkerBuilder } from '../src/service/build-worker.js';
import { BENCH_DIR, ensurePairedCorpus } from './paired-corpus.js';
import { DEFAULT_SHAPE } from './paired-corpus-shape.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const log = { info: () => undefined, warn: () => undefined, error: (message: string) => console.error(message) };

async function timedBuild(builder: WorkerBuilder, now: number): Promise<{ report: BuildReport; line: string }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const pauses: number[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
  gc.observe({ entryTypes: ['gc'] });
  delay.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await builder.build(now);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  gc.disconnect();
  const files = report.publication?.files ?? [];
  const bytes = files.reduce((sum, file) => sum + file.body.length + file.gzip.length, 0);
  const line = [
    `${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${report.written.length} written`,
    `wall ${(wall / 1000).toFixed(2)} s, CPU of both threads ${((used.user + used.system) / 1e6).toFixed(2)} s`,
    `this thread's event loop held at most ${(delay.max / 1e6).toFixed(1)} ms (p99.9 ${(delay.percentile(99.9) / 1e6).toFixed(1)} ms)`,
    `its GC: ${pauses.length} pauses, the longest ${Math.max(0, ...pauses).toFixed(1)} ms, ${pauses.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`,
  ].join('; ');
  return { report, line };
}

function copyCost(report: BuildReport): string {
  const files = report.publication?.files ?? [];
  const serialized = serialize(files);
  const started = performance.now();
  deserialize(serialized);
  const ms = performance.now() - started;
  return `copying instead: deserializing ${(serialized.length / 1e6).toFixed(1)} MB of ${files.length} files takes ${ms.toFixed(1)} ms on the receiving thread`;
}

async function main(n: number): Promise<void> {
  const corpus = ensurePairedCorpus(join(BENCH_DIR, 'out', `paired-${n}`), { ...DEFAULT_SHAPE, n });
  const work = join(BENCH_DIR, 'out', `transfer-${n}`);
  rmSync(work, { recursive: true, force: true });
  const outDir = join(work, 'feeds');
  const options = { stateDir: join(work, 'state') };
  const builder = new WorkerBuilder({ contentDir: corpus.courier, outDir, options, log });
  try {
    const cold = await timedBuild(builder, NOW);
    process.stdout.write(`N = ${n}, cold: ${cold.line}\n`);
    const unchanged = await timedBuild(builder, NOW + 1000);
    process.stdout.write(`N = ${n}, nothing changed: ${unchanged.line}\n`);
    process.stdout.write(`${copyCost(cold.report)}\n`);
  } finally {
    await builder.close();
  }
}

await main(Number(process.argv[2] ?? 10_000));
