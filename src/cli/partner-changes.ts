import { formatProblem } from '../content/problem.js';
import { hashKey, newKey, parseKey } from '../partners/keys.js';
import { changeLastGood, partnersInForce, readLastGood } from '../partners/registry-state.js';
import { loadPartners, PARTNERS_FILE, savePartners } from '../partners/registry.js';
import { readRevoked, REVOKED_FILE, changeRevoked, type Revoked } from '../partners/revoked.js';
import type { Partner, PartnerKey } from '../partners/types.js';
import type { Io } from './io.js';

/** Where an action reads and writes, and how it talks. */
export interface Target {
  readonly io: Io;
  readonly contentDir: string;
  readonly stateDir: string;
  /** COURIER_REDIS_URL: where every instance records its partners' pulls. */
  readonly redisUrl?: string | undefined;
}

/** The partners of the file, those in force with the last good partners, and what was taken away before. */
export interface Registry {
  readonly file: readonly Partner[];
  readonly inForce: readonly Partner[];
  readonly revoked: Revoked;
}

/**
 * Takes something away: records it as revoked first, then changes partners.yaml, then the last good partners.
 * A service's build reads partners.yaml, then the last good partners, then what was revoked: a build that reads
 * the record leaves the thing out whatever else it read, and one that does not read it read everything before
 * the command began, so it builds as if the command had not run yet. Such a build may write its last good
 * partners over the command's, still holding the thing, but the record keeps it out from the next build on.
 */
export async function forget(
  { contentDir, stateDir }: Target,
  registry: Registry,
  revoked: (done: Revoked) => Revoked,
  change: (partners: readonly Partner[]) => Partner[],
): Promise<void> {
  await changeRevoked(stateDir, revoked);
  const changed = change(registry.file);
  if (JSON.stringify(changed) !== JSON.stringify(registry.file)) await savePartners(contentDir, changed);
  await changeLastGood(stateDir, change);
}

/** The partners, or undefined (having said why) when the file has problems: saving would drop entries. */
export async function loadForChange({ io, contentDir, stateDir }: Target): Promise<Registry | undefined> {
  const { partners, problems } = await loadPartners(contentDir);
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr(`courier: ${PARTNERS_FILE} has problems; fix them before changing partners\n`);
    return undefined;
  }
  const lastGood = await readLastGood(stateDir);
  const { revoked, problems: unread } = await readRevoked(stateDir);
  for (const problem of [...lastGood.problems, ...unread]) io.stderr(`${formatProblem(problem)}\n`);
  if (unread.length > 0) {
    io.stderr(`courier: ${REVOKED_FILE} has problems; fix them before changing partners\n`);
    return undefined;
  }
  return { file: partners, inForce: partnersInForce(partners, lastGood.partners, revoked).partners, revoked };
}

export function without(list: readonly string[], item: string): string[] {
  return list.filter((entry) => entry !== item);
}

/** A new key, whose prefix no key in force has nor any key revoked had. */
export async function issueKey(registry: Registry, now: number): Promise<{ key: string; entry: PartnerKey }> {
  const inForce = registry.inForce.flatMap((partner) => partner.keys.map((key) => key.prefix));
  const taken = new Set([...inForce, ...registry.revoked.keys]);
  let made = newKey();
  while (taken.has(made.prefix)) made = newKey();
  const parsed = parseKey(made.key);
  if (!parsed) throw new Error(`a new key with prefix ${made.prefix} does not parse as a key`);
  const hash = await hashKey(parsed.secret);
  const created = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { key: made.key, entry: { prefix: made.prefix, hash, created } };
}
