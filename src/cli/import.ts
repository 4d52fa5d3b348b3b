import { parseArgs } from 'node:util';
import { readConfig } from '../config/read-config.js';
import { formatProblem } from '../content/problem.js';
import { loadSite } from '../content/site.js';
import { DEFAULT_LIMITS, fetchSource } from '../import/fetch.js';
import { importItems } from '../import/importer.js';
import { formatImport } from '../import/report.js';
import { readSource } from '../import/source.js';
import { fail, messageOf, type Env, type Io } from './io.js';
import { folderMistakes } from './startup.js';

export const IMPORT_USAGE = `Usage: courier import <file-or-url> [--dry-run] [--force] [--skip-drafts]
                      [--timeout SECONDS] [--content DIR]

  Writes a record under articles/<yyyy>/<mm>/ for every item of an RSS 2.0, Atom 1.0 or JSON Feed file or
  http(s) URL, or of a WordPress export (WXR), keeping each item's GUID as its id, so subscribers see no item
  twice. Prints what became of each item and what it could not carry, then a summary. See docs/import.md.

  --dry-run      write nothing; say what would be written
  --force        replace records imported before (same id); another story's record is never replaced
  --skip-drafts  leave out drafts, pending and private posts (default: imported as drafts, in no feed)
  --timeout      seconds a URL may take (default 30)

  Exits 0 when every item was written or was there already, 1 when an item could not be imported or the
  source could not be read, 2 on a usage or configuration mistake.
`;

const OPTIONS = {
  content: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'skip-drafts': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** `courier import <file-or-url>`: records from another generator's feed or a WordPress export. */
export async function importCommand(argv: readonly string[], env: Env, io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    io.stderr(`${messageOf(error)}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [location, ...extra] = positionals;
  if (values.help || location === undefined || extra.length > 0) {
    io.stderr(IMPORT_USAGE);
    return values.help ? 0 : 2;
  }
  const timeout = values.timeout === undefined ? DEFAULT_LIMITS.timeoutMs / 1000 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) {
    return fail(io, `--timeout: expected seconds from 1 to 3600, found ${JSON.stringify(values.timeout)}`, 2);
  }
  const { config, problems } = readConfig(env, { content: values.content });
  if (!config) return fail(io, `the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
  const mistakes = await folderMistakes(config, ['content']);
  if (mistakes.length > 0) return fail(io, mistakes.join('\n'));
  const { site, problems: siteProblems } = await loadSite(config.contentDir);
  if (!site) return fail(io, `the site settings have problems:\n${siteProblems.map(formatProblem).join('\n')}`);
  const fetched = await fetchSource(location, { ...DEFAULT_LIMITS, timeoutMs: timeout * 1000 });
  if ('unreadable' in fetched) return fail(io, fetched.unreadable);
  const source = await readSource(fetched.text);
  if ('unreadable' in source) return fail(io, `${location}: ${source.unreadable}`);
  const options = {
    dryRun: values['dry-run'] === true,
    force: values.force === true,
    skipDrafts: values['skip-drafts'] === true,
  };
  const result = await importItems(source, config.contentDir, site, options);
  io.stdout(formatImport(result, options.dryRun));
  return result.outcomes.some((outcome) => outcome.action === 'failed') ? 1 : 0;
}
