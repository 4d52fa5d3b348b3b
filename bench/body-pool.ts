/**
 * What the body pool buys: the time to make the items of every record of a content folder (Markdown and the
 * body allow-list, content/body-pool.ts), on the calling thread (threads 0) and on worker threads, in one
 * process, runs alternating. Reports wall time, the calling thread's busy time (event-loop utilisation: what
 * the build's own thread spends) and the process's CPU (user + system, every thread).
 *
 *   node dist/bench/body-pool.js <content dir> [--threads 0,2] [--runs 3]
 *
 * This is a measurement, not a test: nothing here asserts on a time.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BodyPool } from '../src/content/body-pool.js';
import { ItemMaker } from '../src/model/item.js';
import { ContentReader } from '../src/publish/content-reader.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { threads: { type: 'string', default: '0,2' }, runs: { type: 'string', default: '3' } },
});
const [contentDir] = positionals;
if (contentDir === undefined) throw new Error('usage: node dist/bench/body-pool.js <content dir> [--threads 0,2]');
const reader = new ContentReader(contentDir);
const content = await reader.read();
if (!content.site) throw new Error(`${contentDir}: no usable site.yaml`);
const { articles } = content;

/** Makes every item with a new maker and pool of `threads`; the pool's start and close are part of the time. */
async function measure(threads: number): Promise<string> {
  const pool = new BodyPool({ threads });
  const items = new ItemMaker(reader.bodyOf, { renderer: pool, fileOf: reader.fileOf });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  await items.prepare(articles);
  const wall = performance.now() - started;
  const busy = performance.eventLoopUtilization(loop).active;
  const used = process.cpuUsage(cpu);
  await pool.close();
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `threads ${threads}: wall ${s(wall)}, calling thread busy ${s(busy)}, CPU ${s((used.user + used.system) / 1000)}`;
}

console.log(`${articles.length} records from ${contentDir}`);
for (let run = 1; run <= Number(values.runs); run += 1) {
  for (const threads of values.threads.split(',').map(Number)) console.log(`run ${run} ${await measure(threads)}`);
}
