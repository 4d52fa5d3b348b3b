import { formatProblem } from '../content/problem.js';
import { hashKey, newKey, parseKey, PREFIX_PATTERN } from '../partners/keys.js';
import { readPulls } from '../partners/pulls.js';
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
}
export interface AddValues {
  name?: string | undefined;
  profile?: string | undefined;
  categories?: string | undefined;
}

/** `partners add <id>`: a new partner with one key, which is printed. */
export async function add(target: Target, id: string, values: AddValues): Promise<number> {
  const { io } = target;
  const partners = await loadForChange(target);
  if (!partners) return 1;
  const categories = values.categories?.split(',');
  const given = { id, name: values.name, profile: values.profile, ...(categories && { categories }), keys: [] };
  const { partner, problems } = readPartner(PARTNERS_FILE, '', given);
  if (!partner) return fail(io, problems.map(({ field, message }) => `${optionOf(field)}: ${message}`).join(NEXT));
  if (partners.some((known) => known.id === id)) {
    return fail(io, `partner "${id}" already exists; \`courier partners rotate ${id}\` gives it a new key`);
  }
  const { key, entry } = await issueKey(partners, io.now());
  await savePartners(target.contentDir, [...partners, { ...partner, keys: [entry] }]);
  return showKey(io, `added partner ${id} (${describe(partner)}) with key ${entry.prefix}`, key);
}

/** `partners rotate <id>`: one more key for a partner, which is printed; the others keep working. */
export async function rotate(target: Target, id: string): Promise<number> {
  const { io } = target;
  const partners = await loadForChange(target);
  if (!partners) return 1;
  if (!partners.some((partner) => partner.id === id)) return fail(io, unknownPartner(id, partners));
  const { key, entry } = await issueKey(partners, io.now());
  const withKey = (partner: Partner): Partner => ({ ...partner, keys: [...partner.keys, entry] });
  await savePartners(
    target.contentDir,
    partners.map((partner) => (partner.id === id ? withKey(partner) : partner)),
  );
  return showKey(io, `added key ${entry.prefix} to partner ${id}; its other keys keep working until revoked`, key);
}

/** `partners revoke <id> <prefix>`: removes one key, named by its prefix, never by the whole key. */
export async function revoke(target: Target, id: string, prefix: string): Promise<number> {
  const { io } = target;
  const partners = await loadForChange(target);
  if (!partners) return 1;
  const partner = partners.find((known) => known.id === id);
  if (!partner) return fail(io, unknownPartner(id, partners));
  const prefixes = partner.keys.map((key) => key.prefix).join(', ') || 'none';
  if (!PREFIX_PATTERN.test(prefix)) {
    const expected = 'expected a key prefix (10 lower-case letters and digits; never a whole key)';
    return fail(io, `${expected}, found something else; the keys of ${id} are: ${prefixes}`);
  }
  if (!partner.keys.some((key) => key.prefix === prefix)) {
    return fail(io, `partner ${id} has no key ${prefix}; its keys are: ${prefixes}`);
  }
  const left = partner.keys.filter((key) => key.prefix !== prefix);
  const changed = partners.map((known) => (known === partner ? { ...partner, keys: left } : known));
  await savePartners(target.contentDir, changed);
  const keys = `${left.length} key${left.length === 1 ? '' : 's'}`;
  io.stdout(`courier: revoked key ${prefix} of partner ${id}; ${keys} left\n`);
  return 0;
}

/** `partners list`: a table of every partner and key with when it last pulled; exits 1 if the file has problems. */
export async function list(target: Target): Promise<number> {
  const { io } = target;
  const { partners, problems } = await loadPartners(target.contentDir);
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  const pulls = await readPulls(target.stateDir);
  const rows = partners.flatMap((partner) => {
    const columns = [partner.id, partner.name, partner.profile, partner.categories?.join(', ') ?? '(all)'];
    if (partner.keys.length === 0) return [[...columns, '(no keys)', '', '']];
    return partner.keys.map((key) => [...columns, key.prefix, key.created, pulls[partner.id]?.[key.prefix] ?? 'never']);
  });
  if (rows.length === 0) io.stdout(`courier: no partners in ${PARTNERS_FILE}\n`);
  else io.stdout(table([['ID', 'NAME', 'PROFILE', 'CATEGORIES', 'KEY', 'CREATED', 'LAST PULLED'], ...rows]));
  return problems.length > 0 ? 1 : 0;
}

/** The partners, or undefined (having said why) when the file has problems: saving would drop entries. */
async function loadForChange({ io, contentDir }: Target): Promise<Partner[] | undefined> {
  const { partners, problems } = await loadPartners(contentDir);
  if (problems.length === 0) return partners;
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  io.stderr(`courier: ${PARTNERS_FILE} has problems; fix them before changing partners\n`);
  return undefined;
}

async function issueKey(partners: readonly Partner[], now: number): Promise<{ key: string; entry: PartnerKey }> {
  const taken = new Set(partners.flatMap((partner) => partner.keys.map((key) => key.prefix)));
  let made = newKey();
  while (taken.has(made.prefix)) made = newKey();
  const hash = await hashKey(parseKey(made.key)!.secret);
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

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return rows.map((row) => `${line(row)}\n`).join('');
}
