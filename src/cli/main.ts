import { parseArgs } from 'node:util';
import { Builder } from '../publish/builder.js';
import { ENVIRONMENT, readConfig } from '../config/config.js';
import { formatProblem } from '../content/problem.js';
import { PROFILES } from '../partners/profiles.js';
import { partnerWarnings } from '../partners/warnings.js';
import { startService } from '../service/service.js';
import { partnersCommand } from './partners.js';

const USAGE = `Usage: courier <build|check|serve> [--content DIR] [--out DIR] [--partner ID]
       courier partners <add|rotate|revoke|list> ... [--content DIR] [--out DIR]

  build      validate every record and write the feeds; exits 1 only if the site settings are unusable
  check      validate every record and print every problem; exits 1 if there is any;
             with --partner ID, also warn where articles fall short of that partner's profile
  serve      build, serve the feeds over HTTP and rebuild on the schedule
  partners   manage syndication partners and their keys (courier partners --help)

Environment:
${Object.entries(ENVIRONMENT).map(([name, text]) => `  ${name.padEnd(32)}${text}`).join('\n')}
`;

type Env = Readonly<Record<string, string | undefined>>;

/** The entry point: the only place that reads the environment, the clock's source and the console. */
export async function main(argv: readonly string[], env: Env): Promise<number> {
  if (argv[0] === 'partners') return partnersCommand(argv.slice(1), env, Date.now());
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { content: { type: 'string' }, out: { type: 'string' }, partner: { type: 'string' }, help: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command || !['build', 'check', 'serve'].includes(command)) {
    process.stderr.write(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const { config, problems } = readConfig(env, parsed.values);
  if (!config) {
    process.stderr.write(`courier: the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 2;
  }
  const builder = new Builder(config.contentDir, config.feedsDir);
  if (command === 'check') {
    const result = await builder.check();
    for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
    if (parsed.values.partner !== undefined) {
      const partner = result.partners.find((candidate) => candidate.id === parsed.values.partner);
      if (!partner) {
        process.stderr.write(`courier: no partner ${JSON.stringify(parsed.values.partner)} in partners.yaml\n`);
        return 1;
      }
      const warnings = partnerWarnings(result.articles, partner, PROFILES[partner.profile], Date.now());
      for (const warning of warnings) process.stdout.write(`warning: ${formatProblem(warning)}\n`);
    }
    process.stdout.write(`courier: ${result.records} valid records, ${result.problems.length} problems\n`);
    return result.problems.length > 0 ? 1 : 0;
  }
  if (command === 'build') {
    const report = await builder.build(Date.now());
    for (const problem of report.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    if (!report.ok) return 1;
    process.stdout.write(`courier: ${report.publicArticles} public articles, ${(report.publication?.files.length ?? 0)} files, ${report.written.length} written, ${report.removed.length} removed, ${report.problems.length} problems\n`);
    return 0;
  }
  const service = await startService(config, Date.now, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`courier: serving ${service.url} (feeds from ${config.feedsDir}, rebuilt on "${config.schedule}")\n`);
  const stop = () => { void service.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
