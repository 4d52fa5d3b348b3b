import type { Config } from '../config/config.js';
import { formatProblem, isError } from '../content/problem.js';
import { Builder } from '../publish/builder.js';
import { buildCounts, describeCounts } from '../publish/report.js';
import type { Io } from './io.js';

/** `courier build`: problems on stderr, a summary on stdout; exits 1 only when the build could not be made. */
export async function buildCommand(config: Config, io: Io): Promise<number> {
  const report = await builderOf(config).build(io.now());
  for (const problem of report.problems) io.stderr(`${formatProblem(problem)}\n`);
  if (!report.ok) return 1;
  if (report.held !== undefined) {
    io.stdout(`courier: held, nothing published: ${report.held}\n`);
    return 1;
  }
  io.stdout(`courier: ${describeCounts(buildCounts(report))}\n`);
  return report.problems.some(isError) ? 1 : 0;
}

/** The builder a command uses: the folders, the state folder and the publish guards from the configuration. */
export function builderOf(config: Config): Builder {
  const guards = { maxDropShare: config.maxDropShare, force: config.forcePublish };
  return new Builder(config.contentDir, config.feedsDir, { stateDir: config.stateDir, guards });
}
