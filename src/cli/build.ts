import type { Config } from '../config/config.js';
import { formatProblem, isError, type Problem } from '../content/problem.js';
import type { Builder } from '../publish/builder.js';
import type { ProgressListener } from '../publish/progress.js';
import { BuildReceipts, setupDigest } from '../publish/receipt.js';
import { buildCounts, describeCounts, type BuildCounts } from '../publish/report.js';
import { courierVersion } from '../lib/version.js';
import { WriteError } from '../publish/write-error.js';
import { fail, failAll, type MainIo } from './io.js';
import { progressLines } from './progress.js';
import { folderMistakes } from './startup.js';

/**
 * `courier build`: problems on stderr, progress on stderr while a long build runs (on a terminal only), and
 * always a summary on stdout that ends with the duration. Exits 1 when a record was left out, a guard held the
 * build, or nothing could be built.
 */
export async function buildCommand(config: Config, io: MainIo): Promise<number> {
  const mistakes = await folderMistakes(config, ['content', 'feeds', 'state']);
  if (mistakes.length > 0) return failAll(io, mistakes);
  const started = io.elapsed();
  const took = () => `${((io.elapsed() - started) / 1000).toFixed(2)} s`;
  const progress = io.terminal?.stderr
    ? progressLines(
        (line) => io.stderr(line),
        () => io.elapsed(),
      )
    : undefined;
  const receipts = new BuildReceipts(config, setupDigest(courierVersion(), builderOptions(config)));
  const content = receipts.contentNow();
  const now = io.now();
  const unchanged = receipts.holding(now, content);
  if (unchanged) {
    progress?.stop();
    io.stdout(
      `courier: nothing changed since the last build: ${describeCounts(asUnchanged(unchanged))} in ${took()}\n`,
    );
    return 0;
  }
  let report;
  let late: readonly Problem[] = [];
  const builder = await builderOf(config, progress?.listener);
  try {
    report = await builder.build(now);
  } catch (error) {
    // A disk that refuses the feeds (full, read-only) is said in one line; the previous feeds stay whole.
    if (error instanceof WriteError) return fail(io, `${error.message} (after ${took()})`);
    throw error;
  } finally {
    progress?.stop();
    late = await builder.close();
  }
  report = { ...report, problems: [...report.problems, ...late] };
  const clean = report.ok && report.held === undefined && report.problems.length === 0;
  if (clean) await receipts.save(content, now, report.nextChange, buildCounts(report));
  else await receipts.forget();
  for (const problem of report.problems) io.stderr(`${formatProblem(problem)}\n`);
  const counts = buildCounts(report);
  if (!report.ok) {
    io.stdout(`courier: nothing built, the site settings are unusable: ${counts.problems} problems in ${took()}\n`);
    return 1;
  }
  if (report.held !== undefined) {
    io.stdout(`courier: held, nothing published: ${report.held}; in ${took()}\n`);
    return 1;
  }
  io.stdout(`courier: ${describeCounts(counts)} in ${took()}\n`);
  return report.problems.some(isError) ? 1 : 0;
}

/**
 * The builder a command uses: the folders, the state folder and the publish guards from the configuration. Loaded
 * when a build is made: a build receipt that holds needs none of it.
 */
export async function builderOf(config: Config, progress?: ProgressListener): Promise<Builder> {
  const { Builder } = await import('../publish/builder.js');
  const { contentDir, feedsDir, ...options } = builderOptions(config);
  return new Builder(contentDir, feedsDir, { ...options, progress });
}

/** The folders and options a command's builder takes from the configuration: what a build receipt holds for. */
function builderOptions(config: Config) {
  const guards = { maxDropShare: config.maxDropShare, force: config.forcePublish };
  const { contentDir, feedsDir, stateDir, buildThreads: threads } = config;
  return { contentDir, feedsDir, stateDir, guards, threads, bytesOnDemand: true };
}

/** The counts of a build that found nothing to do: every file stays as it is. */
function asUnchanged(counts: BuildCounts): BuildCounts {
  return { ...counts, written: 0, removed: 0, parsed: 0, rendered: 0 };
}
