/** What the build benchmark prints: a table of the phases for each size, and a Markdown summary of all sizes. */
import type { ChildResult, Phase } from './build-phases.js';

const fixed = (value: number, digits: number) => value.toFixed(digits);

export function printResult(result: ChildResult): void {
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

export function printSummary(results: readonly ChildResult[]): void {
  process.stdout.write('\nSummary (wall ms / files written; peak RSS MB of the child after all phases):\n\n');
  process.stdout.write(
    '| N | cold build | rebuild, unchanged | rebuild, 1 changed | watched, unchanged | watched, 1 changed | peak RSS MB |\n|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  for (const { n, phases } of results) {
    const cell = (p: Phase | undefined) => (p ? `${fixed(p.wallMs, 0)} ms / ${p.written}` : '–');
    process.stdout.write(`| ${n} | ${phases.map(cell).join(' | ')} | ${fixed(phases.at(-1)?.peakRssMb ?? 0, 0)} |\n`);
  }
}
