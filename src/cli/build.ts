import type { Config } from '../config/config.js';
import { formatProblem, isError, type Problem } from '../content/problem.js';
import { Builder } from '../publish/builder.js';
import type { ProgressListener } from '../publish/progress.js';
import { buildCounts, describeCounts } from '../publish/report.js';
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
  let report;
  let late: readonly Problem[] = [];
  const builder = builderOf(config, progress?.listener);
  try {
    report = await builder.build(io.now());
  } catch (error) {
    // A disk that refuses the feeds (full, read-only) is said in one line; the previous feeds stay whole.
    if (error instanceof WriteError) return fail(io, `${error.message} (after ${took()})`);
    throw error;
  } finally {
    progress?.stop();
    late = await builder.close();
  }
  report = { ...report, problems: [...report.problems, ...late] };
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

/** The builder a command uses: the folders, the state folder and the publish guards from the configuration. */
export function builderOf(config: Config, progress?: ProgressListener): Builder {
  const guards = { maxDropShare: config.maxDropShare, force: config.forcePublish };
  const { stateDir, buildThreads: threads } = config;
  const options = { stateDir, guards, progress, threads, bytesOnDemand: true };
  return new Builder(config.contentDir, config.feedsDir, options);
}
