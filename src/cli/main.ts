import { parseArgs } from 'node:util';
import { Builder } from '../publish/builder.js';
import { ENVIRONMENT, readConfig, type Config } from '../config/config.js';
import { formatProblem, isError } from '../content/problem.js';
import { PROFILES } from '../partners/profiles.js';
import { partnerWarnings } from '../partners/warnings.js';
import { isErrnoException } from '../lib/errors.js';
import { WriteError } from '../publish/writer.js';
import { openService } from '../service/service.js';
import { fail, messageOf, type Env, type Io, type MainIo } from './io.js';
import { newCommand } from './new.js';
import { statusCommand } from './status.js';
import { statsCommand } from './stats.js';
import { partnersCommand } from './partners.js';

const USAGE = `Usage: courier <build|check|serve|status|stats> [--content DIR] [--out DIR] [--state DIR] [--force]
       courier new "<title>" [--category NAME]... [--author NAME]... [--content DIR]
       courier partners <add|rotate|revoke|remove|list> ... [--content DIR] [--out DIR] [--state DIR]

  build      validate every record and write the feeds; exits 1 when a record was left out or kept at its
             last good version, when a guard held the build (--force publishes anyway), when nothing
             could be built, or when the feeds cannot be written (one line says why)
  check      validate every record and print every problem; exits 1 if there is any;
             with --partner ID, also warn where articles fall short of that partner's profile
  serve      build, serve the feeds over HTTP and rebuild on the schedule
  status     what the running service knows: why it is degraded, problems, disk errors (from --state)
  stats      who polls each feed and how: subscribers, pollers, intervals, the last 30 days (from --state)
  new        write a draft record with its id pinned (courier new --help)
  partners   manage syndication partners and their keys (courier partners --help)

Environment:
${Object.entries(ENVIRONMENT)
  .map(([name, text]) => `  ${name.padEnd(32)}${text}`)
  .join('\n')}
`;

const OPTIONS = {
  content: { type: 'string' },
  out: { type: 'string' },
  state: { type: 'string' },
  partner: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/**
 * The `courier` command. It reads the environment, the console and the clock only through `env` and `io`,
 * so it runs the same in-process as from `bin/courier.js`, which binds them. Returns the exit code.
 */
export async function main(argv: readonly string[], env: Env, io: MainIo): Promise<number> {
  if (argv[0] === 'partners') return partnersCommand(argv.slice(1), env, io);
  if (argv[0] === 'new') return newCommand(argv.slice(1), env, io);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.stderr(`${messageOf(error)}\n\n${USAGE}`);
    return 2;
  }
  const {
    values,
    positionals: [command],
  } = parsed;
  if (values.help || !command || !['build', 'check', 'serve', 'status', 'stats'].includes(command)) {
    io.stderr(USAGE);
    return values.help ? 0 : 2;
  }
  const { config, problems } = readConfig(env, values);
  if (!config) return fail(io, `the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
  if (command === 'check') return reportingMachineErrors(io, () => check(config, values.partner, io));
  if (command === 'build') return reportingMachineErrors(io, () => build(config, io));
  if (command === 'status') return statusCommand(config, io);
  if (command === 'stats') return statsCommand(config, io);
  return serve(config, io);
}

/**
 * Runs a command that reads or writes the folders, turning what the machine refused (a full disk, a read-only
 * or unreadable folder: a WriteError, or any error a system call raised) into one line on stderr and exit 1.
 * An error of the program itself is rethrown, with its stack, for whoever has to fix it.
 */
async function reportingMachineErrors(io: Io, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof WriteError) && !isSystemError(error)) throw error;
    return fail(io, messageOf(error).replace(/\s*\n\s*/g, ' '));
  }
}

/** An error a system call raised (ENOSPC, EACCES, …), or one thrown with such an error as its cause. */
function isSystemError(error: unknown): boolean {
  let cause = error;
  for (let depth = 0; depth < 8 && cause instanceof Error; depth += 1, cause = cause.cause) {
    if (isErrnoException(cause) && 'syscall' in cause) return true;
  }
  return false;
}

/** `courier check [--partner ID]`: every problem on stdout, then a count; exits 1 if there is any problem. */
async function check(config: Config, partnerId: string | undefined, io: Io): Promise<number> {
  const result = await builderOf(config).check(io.now());
  for (const problem of result.problems) io.stdout(`${formatProblem(problem)}\n`);
  if (partnerId !== undefined) {
    const partner = result.partners.find((candidate) => candidate.id === partnerId);
    if (!partner) return fail(io, `no partner ${JSON.stringify(partnerId)} in partners.yaml`);
    const warnings = partnerWarnings(result.articles, partner, PROFILES[partner.profile], io.now());
    for (const warning of warnings) io.stdout(`warning: ${formatProblem(warning)}\n`);
  }
  const errors = result.problems.filter(isError).length;
  const warnings = result.problems.length - errors;
  const counted = warnings > 0 ? `, ${warnings} warnings` : '';
  io.stdout(`courier: ${result.records} valid records, ${errors} problems${counted}\n`);
  return errors > 0 ? 1 : 0;
}

/** `courier build`: problems on stderr, a summary on stdout; exits 1 only when the build could not be made. */
async function build(config: Config, io: Io): Promise<number> {
  const report = await builderOf(config).build(io.now());
  for (const problem of report.problems) io.stderr(`${formatProblem(problem)}\n`);
  if (!report.ok) return 1;
  const counts = [
    `${report.publicArticles} public articles`,
    `${report.publication?.files.length ?? 0} files`,
    `${report.written.length} written`,
    `${report.removed.length} removed`,
    `${report.problems.filter(isError).length} problems`,
  ];
  if (report.held !== undefined) {
    io.stdout(`courier: held, nothing published: ${report.held}\n`);
    return 1;
  }
  io.stdout(`courier: ${counts.join(', ')}\n`);
  return report.problems.some(isError) ? 1 : 0;
}

/**
 * `courier serve`: starts the service and, once it listens, hands its `close` to `io.serving`, which decides
 * when it stops, and says where it serves. Returns once the first build is served.
 */
async function serve(config: Config, io: MainIo): Promise<number> {
  const service = await openService(
    config,
    () => io.now(),
    (line) => io.stdout(`${line}\n`),
    { elapsed: () => io.elapsed() },
  );
  io.serving(() => service.close());
  const where = `feeds from ${config.feedsDir}, rebuilt on "${config.schedule}"`;
  io.stdout(`courier: serving ${service.url} (${where})\n`);
  await service.ready;
  return 0;
}

/** The builder a command uses: the folders, the state folder and the publish guards from the configuration. */
export function builderOf(config: Config): Builder {
  const guards = { maxDropShare: config.maxDropShare, force: config.forcePublish };
  return new Builder(config.contentDir, config.feedsDir, { stateDir: config.stateDir, guards });
}
