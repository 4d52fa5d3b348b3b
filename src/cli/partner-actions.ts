import { PREFIX_PATTERN } from '../partners/keys.js';
import { readPartner } from '../partners/registry-parse.js';
import { PARTNERS_FILE, savePartners } from '../partners/registry.js';
import { changeRevoked, type Revoked } from '../partners/revoked.js';
import type { Partner } from '../partners/types.js';
import { fail, type Io } from './io.js';
import { forget, issueKey, loadForChange, without, type Target } from './partner-changes.js';

/** Joins messages that `fail` writes as one, so each is a line of its own starting "courier: ". */
const NEXT = '\ncourier: ';

export type { Target } from './partner-changes.js';
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
  const { key, entry } = await issueKey(registry, io.now());
  // A partner removed before may come back: only through the file, so it is no longer held off first.
  if (registry.revoked.partners.includes(id)) {
    await changeRevoked(target.stateDir, (revoked) => ({ ...revoked, partners: without(revoked.partners, id) }));
  }
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
  const { key, entry } = await issueKey(registry, io.now());
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
  const revoked = (done: Revoked): Revoked => ({ ...done, keys: [...done.keys, prefix] });
  await forget(target, registry, revoked, (partners) =>
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
  const revoked = (done: Revoked): Revoked => ({
    keys: [...done.keys, ...partner.keys.map((key) => key.prefix)],
    partners: [...done.partners, id],
  });
  await forget(target, registry, revoked, (partners) => partners.filter((known) => known.id !== id));
  const keys = `${partner.keys.length} key${partner.keys.length === 1 ? '' : 's'}`;
  io.stdout(`courier: removed partner ${id} and its ${keys}\n`);
  return 0;
}

function onlyLastGood(id: string): string {
  return (
    `partner "${id}" is not in ${PARTNERS_FILE} but stays in force from the last good partners; put its entry ` +
    `back, or remove it with \`courier partners remove ${id}\``
  );
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
