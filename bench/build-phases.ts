/**
 * What the build benchmark measures in the child it forks for each N (build.ts): one Builder, five phases:
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
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder } from '../src/publish/builder.js';
import type { ContentChanges } from '../src/content/load.js';
import type { BuildReport } from '../src/publish/report.js';
import { readMarker } from './corpus.js';

export interface Phase {
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

export interface ChildResult {
  readonly n: number;
  readonly phases: readonly Phase[];
  readonly changedFile: string;
}

export const mb = (bytes: number) => bytes / 1024 / 1024;

export async function runChild(contentDir: string, feedsDir: string, n: number): Promise<ChildResult> {
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
