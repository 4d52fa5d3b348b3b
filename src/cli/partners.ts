import { parseArgs } from 'node:util';
import { readConfig } from '../config/config.js';
import { formatProblem } from '../content/problem.js';
import { hashKey, newKey, parseKey, PREFIX_PATTERN } from '../partners/keys.js';
import { readPulls } from '../partners/pulls.js';
import { PROFILE_IDS } from '../partners/profiles.js';
import { loadPartners, PARTNERS_FILE, readPartner, savePartners } from '../partners/registry.js';
import type { Partner, PartnerKey } from '../partners/types.js';

const USAGE = `Usage: courier partners <add|rotate|revoke|list> ... [--content DIR] [--out DIR]

  add <id> --name NAME --profile PROFILE [--categories "A,B"]
                             add a partner with one key, and print the key (the only time it is shown)
  rotate <id>                add a new key and print it; the partner's other keys keep working
  revoke <id> <key-prefix>   remove a key; it stops working when the server next reloads the partners
  list                       every partner and key, with when each key last pulled a feed

Profiles: ${PROFILE_IDS.join(', ')}. Without --categories a partner receives every category.
`;

const OPTIONS = {
  content: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' },
  name: { type: 'string' }, profile: { type: 'string' }, categories: { type: 'string' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;
type Values = { name?: string | undefined; profile?: string | undefined; categories?: string | undefined };
interface Dirs { readonly contentDir: string; readonly feedsDir: string }

/** `courier partners …`: manages partners.yaml. A new key is written to stdout once, and nowhere else. */
export async function partnersCommand(argv: readonly string[], env: Env, now: number): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usage(`${(error as Error).message}\n\n`);
  }
  const { values, positionals: [action, ...args] } = parsed;
  if (values.help) return usage('', 0);
  const addOnly = values.name !== undefined || values.profile !== undefined || values.categories !== undefined;
  if (action !== 'add' && addOnly) return usage('courier: --name, --profile and --categories are for `partners add` only\n\n');
  const { config, problems } = readConfig(env, values);
  if (!config) return fail(`the configuration has problems:\n${problems.map((p) => `  ${p}`).join('\n')}`, 2);
  try {
    if (action === 'add' && args.length === 1) return await add(config, args[0]!, values, now);
    if (action === 'rotate' && args.length === 1) return await rotate(config, args[0]!, now);
    if (action === 'revoke' && args.length === 2) return await revoke(config, args[0]!, args[1]!);
    if (action === 'list' && args.length === 0) return await list(config);
  } catch (error) {
    return fail(`nothing changed: ${(error as Error).message}`);
  }
  return usage('');
}

async function add(dirs: Dirs, id: string, values: Values, now: number): Promise<number> {
  const partners = await loadForChange(dirs.contentDir);
  if (!partners) return 1;
  const categories = values.categories?.split(',');
  const given = { id, name: values.name, profile: values.profile, ...(categories && { categories }), keys: [] };
  const { partner, problems } = readPartner(PARTNERS_FILE, '', given);
  if (!partner) return fail(problems.map((problem) => `${optionOf(problem.field)}: ${problem.message}`).join('\ncourier: '));
  if (partners.some((known) => known.id === id)) return fail(`partner "${id}" already exists; \`courier partners rotate ${id}\` gives it a new key`);
  const { key, entry } = await issueKey(partners, now);
  await savePartners(dirs.contentDir, [...partners, { ...partner, keys: [entry] }]);
  return showKey(`added partner ${id} (${describe(partner)}) with key ${entry.prefix}`, key);
}

async function rotate(dirs: Dirs, id: string, now: number): Promise<number> {
  const partners = await loadForChange(dirs.contentDir);
  if (!partners) return 1;
  if (!partners.some((partner) => partner.id === id)) return fail(unknownPartner(id, partners));
  const { key, entry } = await issueKey(partners, now);
  await savePartners(dirs.contentDir, partners.map((partner) => (partner.id === id ? { ...partner, keys: [...partner.keys, entry] } : partner)));
  return showKey(`added key ${entry.prefix} to partner ${id}; its other keys keep working until revoked`, key);
}

async function revoke(dirs: Dirs, id: string, prefix: string): Promise<number> {
  const partners = await loadForChange(dirs.contentDir);
  if (!partners) return 1;
  const partner = partners.find((known) => known.id === id);
  if (!partner) return fail(unknownPartner(id, partners));
  const prefixes = partner.keys.map((key) => key.prefix).join(', ') || 'none';
  if (!PREFIX_PATTERN.test(prefix)) return fail(`expected a key prefix (10 lower-case letters and digits; never a whole key), found something else; the keys of ${id} are: ${prefixes}`);
  if (!partner.keys.some((key) => key.prefix === prefix)) return fail(`partner ${id} has no key ${prefix}; its keys are: ${prefixes}`);
  const left = partner.keys.filter((key) => key.prefix !== prefix);
  await savePartners(dirs.contentDir, partners.map((known) => (known === partner ? { ...partner, keys: left } : known)));
  process.stdout.write(`courier: revoked key ${prefix} of partner ${id}; ${left.length} key${left.length === 1 ? '' : 's'} left\n`);
  return 0;
}

async function list(dirs: Dirs): Promise<number> {
  const { partners, problems } = await loadPartners(dirs.contentDir);
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  const pulls = await readPulls(dirs.feedsDir);
  const rows = partners.flatMap((partner) => {
    const columns = [partner.id, partner.name, partner.profile, partner.categories?.join(', ') ?? '(all)'];
    if (partner.keys.length === 0) return [[...columns, '(no keys)', '', '']];
    return partner.keys.map((key) => [...columns, key.prefix, key.created, pulls[partner.id]?.[key.prefix] ?? 'never']);
  });
  if (rows.length === 0) process.stdout.write(`courier: no partners in ${PARTNERS_FILE}\n`);
  else process.stdout.write(table([['ID', 'NAME', 'PROFILE', 'CATEGORIES', 'KEY', 'CREATED', 'LAST PULLED'], ...rows]));
  return problems.length > 0 ? 1 : 0;
}

/** The partners, or undefined (having said why) when the file has problems: saving would drop entries. */
async function loadForChange(contentDir: string): Promise<Partner[] | undefined> {
  const { partners, problems } = await loadPartners(contentDir);
  if (problems.length === 0) return partners;
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`courier: ${PARTNERS_FILE} has problems; fix them before changing partners\n`);
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

function showKey(done: string, key: string): number {
  process.stdout.write(`courier: ${done}.\ncourier: store this key now; it is shown only this once and cannot be recovered:\n${key}\n`);
  return 0;
}

function describe(partner: Partner): string {
  return `${partner.name}, profile ${partner.profile}, ${partner.categories ? `categories ${partner.categories.join(', ')}` : 'every category'}`;
}

function unknownPartner(id: string, partners: readonly Partner[]): string {
  return `no partner "${id}"; the partners are: ${partners.map((partner) => partner.id).join(', ') || 'none'}`;
}

function optionOf(field: string): string {
  return field.startsWith('id') ? `partner id` : `--${field}`;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`).join('');
}

function usage(before: string, code = 2): number {
  process.stderr.write(before + USAGE);
  return code;
}

function fail(message: string, code = 1): number {
  process.stderr.write(`courier: ${message}\n`);
  return code;
}
