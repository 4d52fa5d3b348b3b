import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { ENVIRONMENT, readConfig } from '../config/read-config.js';
import { formatProblem, isError } from '../content/problem.js';
import { isErrnoException } from '../lib/errors.js';
import { WriteError } from '../publish/write-error.js';
import { builderOf, buildCommand } from './build.js';
import { fail, failAll, messageOf, type Env, type Io, type MainIo } from './io.js';
import { folderMistakes } from './startup.js';

/** The names of the environment's variables in a column, two spaces wider than the longest. */
const NAME_WIDTH = Math.max(...Object.keys(ENVIRONMENT).map((name) => name.length)) + 2;

const USAGE = `Usage: courier <build|check|serve|status|stats> [--content DIR] [--out DIR] [--state DIR] [--force]
       courier check --partner ID [--json] [--content DIR]
       courier new "<title>" [--category NAME]... [--author NAME]... [--content DIR]
       courier partners <add|rotate|revoke|remove|list> ... [--content DIR] [--out DIR] [--state DIR]
       courier import <file-or-url> [--dry-run] [--force] [--skip-drafts] [--content DIR]

  build      validate every record and write the feeds; exits 1 when a record was left out or kept at its
             last good version, when a guard held the build (--force publishes anyway), when nothing
             could be built, or when the feeds cannot be written (one line says why)
  check      validate every record and print every problem; exits 1 if there is any;
             with --partner ID, a preflight: every rule of the partner's spec that an item or feed it would
             receive breaks or comes close to, with the rule's source; exits 1 on what the partner would
             reject, 0 on warnings only; --json prints it for scripts (docs/partners.md)
  serve      build, serve the feeds over HTTP and rebuild on the schedule
  status     what the running service knows: why it is degraded, problems, disk errors (from --state)
  stats      who polls each feed and how: subscribers, pollers, intervals, the last 30 days (from --state)
  new        write a draft record with its id pinned (courier new --help)
  partners   manage syndication partners and their keys (courier partners --help)
  import     records from an RSS, Atom or JSON feed (file or URL) or a WordPress export (courier import --help)

Environment:
${Object.entries(ENVIRONMENT)
  .map(([name, text]) => `  ${name.padEnd(NAME_WIDTH)}${text}`)
  .join('\n')}
`;

const OPTIONS = {
  content: { type: 'string' },
  out: { type: 'string' },
  state: { type: 'string' },
  partner: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/**
 * The `courier` command. It reads the environment, the console and the clock only through `env` and `io`,
 * so it runs the same in-process as from `bin/courier.js`, which binds them. Returns the exit code.
 */
export async function main(argv: readonly string[], env: Env, io: MainIo): Promise<number> {
  // Each command's module is loaded when it runs: `courier build` never loads Express, pino or yaml's editor,
  // which at 10,000 unchanged records was half the time of a build (bench/README.md).
  if (argv[0] === 'partners') return (await import('./partners.js')).partnersCommand(argv.slice(1), env, io);
  if (argv[0] === 'new') return (await import('./new.js')).newCommand(argv.slice(1), env, io);
  if (argv[0] === 'import') return (await import('./import.js')).importCommand(argv.slice(1), env, io);
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
  if (command === 'check')
    return reportingMachineErrors(io, () => check(config, values.partner, values.json === true, io));
  if (command === 'build') return reportingMachineErrors(io, () => buildCommand(config, io));
  if (command === 'status') return (await import('./status.js')).statusCommand(config, io);
  if (command === 'stats') return (await import('./stats.js')).statsCommand(config, io);
  return (await import('./serve.js')).serveCommand(config, env, io);
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

/**
 * `courier check [--partner ID [--json]]`: every problem on stdout, then a count; exits 1 if there is any problem.
 * With --partner, the partner's preflight (src/cli/preflight.ts).
 */
async function check(config: Config, partnerId: string | undefined, json: boolean, io: MainIo): Promise<number> {
  const mistakes = await folderMistakes(config, ['content']);
  if (mistakes.length > 0) return failAll(io, mistakes);
  const result = await (await builderOf(config)).check(io.now());
  if (partnerId !== undefined)
    return (await import('./preflight.js')).preflightCommand(config, result, partnerId, json, io);
  if (json) return fail(io, '--json goes with --partner ID', 2);
  for (const problem of result.problems) io.stdout(`${formatProblem(problem)}\n`);
  const errors = result.problems.filter(isError).length;
  const warnings = result.problems.length - errors;
  const counted = warnings > 0 ? `, ${warnings} warnings` : '';
  io.stdout(`courier: ${result.records} valid records, ${errors} problems${counted}\n`);
  return errors > 0 ? 1 : 0;
}
