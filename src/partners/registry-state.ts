import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import { parsePartners } from './registry-parse.js';
import { formatPartners, PARTNERS_FILE } from './registry.js';
import { NONE_REVOKED, type Revoked } from './revoked.js';
import type { Partner, PartnerKey } from './types.js';

/** The partners last in force, in the state folder, in the format of partners.yaml. */
export const LAST_GOOD_FILE = 'partners.last-good.yaml';

const HEADER =
  '# The partners last in force, kept by Courier. A partner or key missing from partners.yaml stays in force\n' +
  '# from here until removed with `courier partners revoke <id> <prefix>` or `courier partners remove <id>`.\n';

/** The last good partners as the state folder holds them: none yet when there is no file. */
export interface LastGood {
  readonly partners?: Partner[];
  /** The file's text, to tell whether saving would change it. */
  readonly text?: string;
  readonly problems: Problem[];
}

/**
 * The partners in force: every valid partner of partners.yaml, and every partner and key of the last good
 * partners that the file lacks (emptied, cut short, broken or edited by hand), each with a problem that says how
 * to remove it on purpose. Nothing leaves by going missing from the file: only `courier partners revoke` and
 * `remove` take a key or a partner away, by recording it in `revoked` (see revoked.ts): a revoked key is never in
 * force, from the file or the last good partners, and a removed partner is never kept from the last good
 * partners. A key whose prefix the file gives another partner is the file's.
 */
export function partnersInForce(
  file: readonly Partner[],
  lastGood: readonly Partner[] | undefined,
  revoked: Revoked = NONE_REVOKED,
): { partners: Partner[]; problems: Problem[] } {
  const gone = new Set(revoked.keys);
  const problems: Problem[] = [];
  const fromFile = file.map((partner) => withoutRevoked(partner, gone, problems));
  if (!lastGood) return { partners: fromFile, problems };
  const inFile = new Set(file.flatMap((partner) => partner.keys.map((key) => key.prefix)));
  const kept = (key: PartnerKey) => !inFile.has(key.prefix) && !gone.has(key.prefix);
  const partners = fromFile.map((partner) => {
    const missing = (lastGood.find((before) => before.id === partner.id)?.keys ?? []).filter(kept);
    for (const { prefix } of missing) {
      const message =
        `expected key ${prefix} of the last good partners, found it missing; it stays in force until ` +
        `\`courier partners revoke ${partner.id} ${prefix}\``;
      problems.push({ file: PARTNERS_FILE, field: `partners (id ${partner.id}).keys (prefix ${prefix})`, message });
    }
    return missing.length === 0 ? partner : { ...partner, keys: [...partner.keys, ...missing] };
  });
  const removed = new Set(revoked.partners);
  for (const before of lastGood.filter((partner) => !file.some((known) => known.id === partner.id))) {
    if (removed.has(before.id)) continue;
    const keys = before.keys.filter(kept);
    const message =
      `expected partner ${before.id} of the last good partners, found it missing or with problems; it stays in ` +
      `force as it was, with ${keys.length} key${keys.length === 1 ? '' : 's'}, until ` +
      `\`courier partners remove ${before.id}\``;
    problems.push({ file: PARTNERS_FILE, field: `partners (id ${before.id})`, message });
    partners.push({ ...before, keys });
  }
  return { partners, problems };
}

/** A partner of the file without its revoked keys, each a problem: a revoked key never works again. */
function withoutRevoked(partner: Partner, gone: ReadonlySet<string>, problems: Problem[]): Partner {
  const revoked = partner.keys.filter((key) => gone.has(key.prefix));
  if (revoked.length === 0) return partner;
  for (const { prefix } of revoked) {
    const message =
      `expected no revoked key, found ${prefix}, revoked with \`courier partners\`; it stays revoked: ` +
      `delete it from ${PARTNERS_FILE}`;
    problems.push({ file: PARTNERS_FILE, field: `partners (id ${partner.id}).keys (prefix ${prefix})`, message });
  }
  return { ...partner, keys: partner.keys.filter((key) => !gone.has(key.prefix)) };
}

/** Reads <stateDir>/partners.last-good.yaml; a file that cannot be read or has problems says so. */
export async function readLastGood(stateDir: string): Promise<LastGood> {
  const path = join(stateDir, LAST_GOOD_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Missing: no last good partners yet. Unreadable: a problem of the file, as for partners.yaml.
    if (!isErrnoException(error)) throw withContext(`reading ${path}`, error);
    if (error.code === 'ENOENT') return { problems: [] };
    return { problems: [{ file: path, field: '(file)', message: `expected a readable file, found ${error.code}` }] };
  }
  return { ...parsePartners(text, path), text };
}

/** The text the last good partners are saved as. */
export function formatLastGood(partners: readonly Partner[]): string {
  return formatPartners(partners, HEADER);
}

/**
 * Changes the last good partners, as `revoke` and `remove` do; no file, nothing to change. Its problems are
 * returned; an entry with a problem was of no use and is not written back.
 */
export async function changeLastGood(
  stateDir: string,
  change: (partners: readonly Partner[]) => Partner[],
): Promise<Problem[]> {
  const lastGood = await readLastGood(stateDir);
  if (!lastGood.partners) return lastGood.problems;
  const text = formatLastGood(change(lastGood.partners));
  if (text !== lastGood.text) await writeAtomically(join(stateDir, LAST_GOOD_FILE), text);
  return lastGood.problems;
}
