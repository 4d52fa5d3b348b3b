import { formatProblem } from '../content/problem.js';
import { hashKey, newKey, parseKey, PREFIX_PATTERN } from '../partners/keys.js';
import { changeLastGood, partnersInForce, readLastGood } from '../partners/registry-state.js';
import { loadPartners, PARTNERS_FILE, readPartner, savePartners } from '../partners/registry.js';
import type { Partner, PartnerKey } from '../partners/types.js';
import { fail, type Io } from './io.js';

/** Joins messages that `fail` writes as one, so each is a line of its own starting "courier: ". */
const NEXT = '\ncourier: ';

/** Where an action reads and writes, and how it talks. */
export interface Target {
  readonly io: Io;
  readonly contentDir: string;
  readonly stateDir: string;
  /** COURIER_REDIS_URL: where every instance records its partners' pulls. */
  readonly redisUrl?: string | undefined;
}
export interface AddValues {
  name?: string | undefined;
  profile?: string | undefined;
  categories?: string | undefined;
}

/** `partners add <id>`: a new partner with one key, which is printed. */
export async function add(target: Target, id: string, values: AddValues): Promise<number> {
  const { io } = target;
  const registry = await loadForChange(target);
  if (!registry) return 1;
  const categories = values.categories?.split(',');
  const given = { id, name: values.name, profile: values.profile, ...(categories && { categories }), keys: [] };
  const { partner, problems } = readPartner(PARTNERS_FILE, '', given);
  if (!partner) return fail(io, problems.map(({ field, message }) => `${optionOf(field)}: ${message}`).join(NEXT));
  if (registry.file.some((known) => known.id === id)) {
    return fail(io, `partner "${id}" already exists; \`courier partners rotate ${id}\` gives it a new key`);
  }
  if (registry.inForce.some((known) => known.id === id)) return fail(io, onlyLastGood(id));
  const { key, entry } = await issueKey(registry.inForce, io.now());
  await savePartners(target.contentDir, [...registry.file, { ...partner, keys: [entry] }]);
  return showKey(io, `added partner ${id} (${describe(partner)}) with key ${entry.prefix}`, key);
}

/** `partners rotate <id>`: one more key for a partner, which is printed; the others keep working. */
export async function rotate(target: Target, id: string): Promise<number> {
  const { io } = target;
  const registry = await loadForChange(target);
  if (!registry) return 1;
  if (!registry.file.some((partner) => partner.id === id)) {
    const inForce = registry.inForce.some((known) => known.id === id);
    return fail(io, inForce ? onlyLastGood(id) : unknownPartner(id, registry.inForce));
  }
  const { key, entry } = await issueKey(registry.inForce, io.now());
  const withKey = (partner: Partner): Partner => ({ ...partner, keys: [...partner.keys, entry] });
  await savePartners(
    target.contentDir,
    registry.file.map((partner) => (partner.id === id ? withKey(partner) : partner)),
  );
  return showKey(io, `added key ${entry.prefix} to partner ${id}; its other keys keep working until revoked`, key);
}

/**
 * `partners revoke <id> <prefix>`: removes one key, named by its prefix, never by the whole key, from
 * partners.yaml and from the last good partners (which keep in force any key the file lacks).
 */
export async function revoke(target: Target, id: string, prefix: string): Promise<number> {
  const { io } = target;
  const registry = await loadForChange(target);
  if (!registry) return 1;
  const partner = registry.inForce.find((known) => known.id === id);
  if (!partner) return fail(io, unknownPartner(id, registry.inForce));
  const prefixes = partner.keys.map((key) => key.prefix).join(', ') || 'none';
  if (!PREFIX_PATTERN.test(prefix)) {
    const expected = 'expected a key prefix (10 lower-case letters and digits; never a whole key)';
    return fail(io, `${expected}, found something else; the keys of ${id} are: ${prefixes}`);
  }
  if (!partner.keys.some((key) => key.prefix === prefix)) {
    return fail(io, `partner ${id} has no key ${prefix}; its keys are: ${prefixes}`);
  }
  await forget(target, registry, (partners) =>
    partners.map((known) =>
      known.id === id ? { ...known, keys: known.keys.filter((key) => key.prefix !== prefix) } : known,
    ),
  );
  const left = partner.keys.length - 1;
  io.stdout(`courier: revoked key ${prefix} of partner ${id}; ${left} key${left === 1 ? '' : 's'} left\n`);
  return 0;
}

/** `partners remove <id>`: removes a partner and all its keys, from partners.yaml and the last good partners. */
export async function remove(target: Target, id: string): Promise<number> {
  const { io } = target;
  const registry = await loadForChange(target);
  if (!registry) return 1;
  const partner = registry.inForce.find((known) => known.id === id);
  if (!partner) return fail(io, unknownPartner(id, registry.inForce));
  await forget(target, registry, (partners) => partners.filter((known) => known.id !== id));
  const keys = `${partner.keys.length} key${partner.keys.length === 1 ? '' : 's'}`;
  io.stdout(`courier: removed partner ${id} and its ${keys}\n`);
  return 0;
}

/** The partners of the file, and those in force with the last good partners. */
interface Registry {
  readonly file: readonly Partner[];
  readonly inForce: readonly Partner[];
}

/**
 * Takes something away: from partners.yaml first, then from the last good partners. In that order a server
 * that builds in between keeps it from the last good partners, which it then leaves as they are, and drops it
 * at its next build; in the other order the server could see it in the file and write it back.
 */
async function forget(
  { contentDir, stateDir }: Target,
  registry: Registry,
  change: (partners: readonly Partner[]) => Partner[],
): Promise<void> {
  const changed = change(registry.file);
  if (JSON.stringify(changed) !== JSON.stringify(registry.file)) await savePartners(contentDir, changed);
  await changeLastGood(stateDir, change);
}

/** The partners, or undefined (having said why) when the file has problems: saving would drop entries. */
async function loadForChange({ io, contentDir, stateDir }: Target): Promise<Registry | undefined> {
  const { partners, problems } = await loadPartners(contentDir);
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr(`courier: ${PARTNERS_FILE} has problems; fix them before changing partners\n`);
    return undefined;
  }
  const lastGood = await readLastGood(stateDir);
  for (const problem of lastGood.problems) io.stderr(`${formatProblem(problem)}\n`);
  return { file: partners, inForce: partnersInForce(partners, lastGood.partners).partners };
}

function onlyLastGood(id: string): string {
  return (
    `partner "${id}" is not in ${PARTNERS_FILE} but stays in force from the last good partners; put its entry ` +
    `back, or remove it with \`courier partners remove ${id}\``
  );
}

async function issueKey(partners: readonly Partner[], now: number): Promise<{ key: string; entry: PartnerKey }> {
  const taken = new Set(partners.flatMap((partner) => partner.keys.map((key) => key.prefix)));
  let made = newKey();
  while (taken.has(made.prefix)) made = newKey();
  const parsed = parseKey(made.key);
  if (!parsed) throw new Error(`a new key with prefix ${made.prefix} does not parse as a key`);
  const hash = await hashKey(parsed.secret);
  const created = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { key: made.key, entry: { prefix: made.prefix, hash, created } };
}

function showKey(io: Io, done: string, key: string): number {
  const once = 'store this key now; it is shown only this once and cannot be recovered';
  io.stdout(`courier: ${done}.\ncourier: ${once}:\n${key}\n`);
  return 0;
}

function describe(partner: Partner): string {
  const categories = partner.categories ? `categories ${partner.categories.join(', ')}` : 'every category';
  return `${partner.name}, profile ${partner.profile}, ${categories}`;
}

function unknownPartner(id: string, partners: readonly Partner[]): string {
  return `no partner "${id}"; the partners are: ${partners.map((partner) => partner.id).join(', ') || 'none'}`;
}

function optionOf(field: string): string {
  return field.startsWith('id') ? `partner id` : `--${field}`;
}
