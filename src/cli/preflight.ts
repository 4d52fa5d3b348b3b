import type { Config } from '../config/config.js';
import { formatProblem, isError, type Problem } from '../content/problem.js';
import { loadSite } from '../content/site.js';
import type { Article } from '../content/types.js';
import { ArticleLoader } from '../content/load.js';
import { preflight, type Preflight } from '../partners/preflight.js';
import type { Finding } from '../partners/preflight-types.js';
import type { Partner } from '../partners/types.js';
import { fail, type Io } from './io.js';

/** The version of `courier check --partner ID --json`'s output; a change that breaks a reader changes it. */
export const PREFLIGHT_SCHEMA = 'courier-preflight/1';

/** What `courier check` read, for the preflight of one partner. */
export interface Checked {
  readonly problems: readonly Problem[];
  readonly records: number;
  readonly articles: readonly Article[];
  readonly partners: readonly Partner[];
}

/**
 * `courier check --partner ID [--json]`: the records' problems, then every rule each item the partner would
 * receive, and each of its feeds, breaks or is close to breaking, with the rule's source. Exits 1 when a record
 * has an error or the partner would reject something, else 0 (warnings only).
 */
export async function preflightCommand(
  config: Config,
  checked: Checked,
  partnerId: string,
  json: boolean,
  io: Io,
): Promise<number> {
  const partner = checked.partners.find((candidate) => candidate.id === partnerId);
  if (!partner) return fail(io, `no partner ${JSON.stringify(partnerId)} in partners.yaml`);
  const { site, problems: siteProblems } = await loadSite(config.contentDir);
  if (!site) {
    for (const problem of siteProblems) io.stderr(`${formatProblem(problem)}\n`);
    return 1;
  }
  const now = io.now();
  const loader = new ArticleLoader(config.contentDir);
  const result = preflight(checked.articles, partner, site, now, (article) => loader.readBody(article));
  const errors = checked.problems.filter(isError).length;
  if (json) io.stdout(`${JSON.stringify(asJson(result, checked, now), null, 2)}\n`);
  else printText(result, checked, errors, io);
  return errors > 0 || result.counts.reject > 0 ? 1 : 0;
}

function printText(result: Preflight, checked: Checked, errors: number, io: Io): void {
  for (const problem of checked.problems) io.stdout(`${formatProblem(problem)}\n`);
  const { partner, profile, items, feeds, findings, counts } = result;
  io.stdout(
    `courier: preflight of partner ${partner} (profile ${profile.id}): ${items} items in ${feeds.length} feed files\n`,
  );
  for (const finding of findings)
    io.stdout(`${finding.level}: ${where(finding)}: ${finding.rule}: ${finding.message}\n  source: ${cite(finding)}\n`);
  const warnings = checked.problems.length - errors;
  const counted = warnings > 0 ? `, ${warnings} warnings` : '';
  io.stdout(`courier: ${checked.records} valid records, ${errors} problems${counted}\n`);
  io.stdout(
    `courier: ${partner} would reject ${counts.reject}, ${counts.warn} warnings, ${counts.near} close to a limit\n`,
  );
}

function where(finding: Finding): string {
  return finding.file ?? (finding.feed ? `feed ${finding.feed}` : 'feeds');
}

function cite(finding: Finding): string {
  const { title, section, url } = finding.source;
  return `${title}, ${section} <${url}>`;
}

function asJson(result: Preflight, checked: Checked, now: number): object {
  return {
    schema: PREFLIGHT_SCHEMA,
    partner: result.partner,
    profile: result.profile.id,
    at: new Date(now).toISOString(),
    items: result.items,
    feeds: result.feeds,
    counts: result.counts,
    findings: result.findings.map((finding) => ({
      level: finding.level,
      rule: finding.rule,
      file: finding.file ?? null,
      id: finding.id ?? null,
      feed: finding.feed ?? null,
      message: finding.message,
      found: finding.found,
      limit: finding.limit,
      source: finding.source,
    })),
    problems: checked.problems.map((problem) => ({
      file: problem.file,
      field: problem.field,
      message: problem.message,
      error: isError(problem),
    })),
  };
}
