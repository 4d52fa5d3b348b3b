import { formatProblem } from '../content/problem.js';
import { readPulls } from '../partners/pulls.js';
import { partnersInForce, readLastGood } from '../partners/registry-state.js';
import { loadPartners, PARTNERS_FILE } from '../partners/registry.js';
import { readRevoked } from '../partners/revoked.js';
import type { Target } from './partner-actions.js';
import { readSharedPulls } from '../service/shared-pulls.js';
import type { Pulls } from '../partners/pulls.js';

/**
 * `partners list`: a table of every partner and key in force (those of partners.yaml and any the last good
 * partners keep) with when it last pulled; every problem on stderr, and exit 1 if there is any.
 */
export async function list(target: Target): Promise<number> {
  const { io } = target;
  const file = await loadPartners(target.contentDir);
  const lastGood = await readLastGood(target.stateDir);
  const revoked = await readRevoked(target.stateDir);
  const { partners, problems } = partnersInForce(file.partners, lastGood.partners, revoked.revoked);
  const all = [...file.problems, ...lastGood.problems, ...revoked.problems, ...problems];
  for (const problem of all) io.stderr(`${formatProblem(problem)}\n`);
  const pulls = await pullsOf(target);
  const rows = partners.flatMap((partner) => {
    const columns = [partner.id, partner.name, partner.profile, partner.categories?.join(', ') ?? '(all)'];
    if (partner.keys.length === 0) return [[...columns, '(no keys)', '', '']];
    return partner.keys.map((key) => [...columns, key.prefix, key.created, pulls[partner.id]?.[key.prefix] ?? 'never']);
  });
  if (rows.length === 0) io.stdout(`courier: no partners in ${PARTNERS_FILE}\n`);
  else io.stdout(table(['ID', 'NAME', 'PROFILE', 'CATEGORIES', 'KEY', 'CREATED', 'LAST PULLED'], rows));
  return all.length > 0 ? 1 : 0;
}

/**
 * When each key last pulled: with COURIER_REDIS_URL, what every instance recorded there, else (or when Redis does
 * not answer, which is said on stderr) this machine's own record.
 */
async function pullsOf(target: Target): Promise<Pulls> {
  const local = await readPulls(target.stateDir);
  if (target.redisUrl === undefined) return local;
  const shared = await readSharedPulls(target.redisUrl);
  if (shared) return shared;
  target.io.stderr("courier: the shared state (COURIER_REDIS_URL) did not answer; showing this instance's pulls\n");
  return local;
}

/** The header and the rows (each as long as the header) in columns as wide as their widest cell. */
function table(header: readonly string[], rows: readonly string[][]): string {
  const lines = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...lines.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return lines.map((row) => `${line(row)}\n`).join('');
}
