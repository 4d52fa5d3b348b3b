import { FieldReader } from '../content/fields.js';
import { describeValue, type Problem } from '../content/problem.js';
import { isMapping, parseYaml } from '../content/yaml.js';
import { hashCost, PREFIX_PATTERN } from './keys.js';
import { PROFILE_IDS } from './profiles.js';
import type { Partner, PartnerKey } from './types.js';
import { readTokenHeader } from './token-header.js';

const PARTNER_FIELDS = ['id', 'name', 'profile', 'categories', 'keys', 'token_header'];
const KEY_FIELDS = ['prefix', 'hash', 'created'];
const ID_PATTERN = /^[a-z0-9-]+$/;

interface Pattern {
  test(text: string): boolean;
}
const OUR_HASH: Pattern = { test: (text) => hashCost(text) !== undefined };

/**
 * Reads partners.yaml, reporting every problem at once. An entry with a problem is left out, and so are both
 * entries of a duplicated id or key prefix: only partners that are fully valid are returned.
 */
export function parsePartners(text: string, file: string): { partners: Partner[]; problems: Problem[] } {
  const yaml = parseYaml(text.replace(/^\uFEFF/, ''), file);
  if (!yaml.ok) return refused(file, '(yaml)', `expected valid YAML, found ${yaml.error.message.split('\n')[0]}`);
  const { data } = yaml;
  if (data !== null && data !== undefined && !isMapping(data)) {
    return refused(file, '(file)', `expected a mapping with partners, found ${describeValue(data)}`);
  }
  const read = new FieldReader(file, data, ['partners']);
  read.rejectUnknownFields();
  const entries = read.raw('partners') ?? [];
  if (!Array.isArray(entries)) {
    read.fail('partners', `expected a list of partners, found ${describeValue(entries)}`);
    return { partners: [], problems: read.problems };
  }
  const parsed = entries.map((entry, index) => readPartner(file, `partners[${index}]`, entry));
  const problems = [...read.problems, ...parsed.flatMap((result) => result.problems)];
  const candidates = parsed.map((result) => result.partner);
  const duplicated = findDuplicates(file, candidates, problems);
  const partners = candidates.filter(
    (partner, index): partner is Partner => partner !== undefined && !duplicated.has(index),
  );
  return { partners, problems };
}

/** No partners, for a problem of the whole file. */
export function refused(file: string, field: string, message: string): { partners: Partner[]; problems: Problem[] } {
  return { partners: [], problems: [{ file, field, message }] };
}

/** Validates one partner given as a mapping of its fields, such as the command line makes. */
export function readPartner(file: string, field: string, entry: unknown): { partner?: Partner; problems: Problem[] } {
  if (!isMapping(entry)) {
    const message = `expected a mapping with ${PARTNER_FIELDS.join(', ')}, found ${describeValue(entry)}`;
    return { problems: [{ file, field, message }] };
  }
  const read = new FieldReader(file, entry, PARTNER_FIELDS);
  const prefixed = (name: string) => (field === '' ? name : `${field}.${name}`);
  const id = matching(read, 'id', ID_PATTERN, 'an id of lower-case letters, digits and hyphens');
  const name = read.plainText('name', { required: true });
  const profile = read.has('profile')
    ? read.oneOf('profile', PROFILE_IDS)
    : read.fail('profile', 'required; found nothing');
  const categories = read.textList('categories');
  if (categories?.length === 0) {
    read.fail(
      'categories',
      'expected at least one category (leave the field out for every category), found an empty list',
    );
  }
  const keys = readKeys(read);
  const tokenHeader = readTokenHeader(read);
  read.rejectUnknownFields();
  const problems = read.problems.map((problem) => ({ ...problem, field: prefixed(problem.field) }));
  if (problems.length > 0 || !id || !name || !profile || !keys) return { problems };
  const partner = { id, name, profile, ...(categories && { categories }), keys, ...(tokenHeader && { tokenHeader }) };
  return { partner, problems };
}

function readKeys(read: FieldReader): PartnerKey[] | undefined {
  const list = read.raw('keys') ?? [];
  if (!Array.isArray(list)) return read.fail('keys', `expected a list of keys, found ${describeValue(list)}`);
  const keys = list.map((entry, index) => readKey(read, `keys[${index}]`, entry));
  return keys.every((key) => key !== undefined) ? keys : undefined;
}

function readKey(outer: FieldReader, field: string, entry: unknown): PartnerKey | undefined {
  if (!isMapping(entry)) {
    return outer.fail(field, `expected a mapping with ${KEY_FIELDS.join(', ')}, found ${describeValue(entry)}`);
  }
  const read = new FieldReader(outer.file, entry, KEY_FIELDS);
  const prefix = matching(read, 'prefix', PREFIX_PATTERN, 'a key prefix of 10 lower-case letters and digits');
  const hash = matching(read, 'hash', OUR_HASH, 'a scrypt hash made by `courier partners`');
  const createdAt = read.date('created', 'UTC', { required: true });
  const created = createdAt === undefined ? undefined : String(read.raw('created')).trim();
  read.rejectUnknownFields();
  for (const problem of read.problems) outer.fail(`${field}.${problem.field}`, problem.message);
  return read.problems.length === 0 && prefix && hash && created ? { prefix, hash, created } : undefined;
}

/** A required text field that must match a pattern. */
function matching(read: FieldReader, field: string, pattern: Pattern, expected: string): string | undefined {
  const value = read.raw(field);
  if (value === undefined || value === null) return read.fail(field, 'required; found nothing');
  if (typeof value === 'string' && pattern.test(value)) return value;
  return read.fail(field, `expected ${expected}, found ${describeValue(value)}`);
}

/** Reports each repeated id and key prefix on its later entry, naming the first; returns all such entries' indexes. */
function findDuplicates(file: string, partners: ReadonlyArray<Partner | undefined>, problems: Problem[]): Set<number> {
  const duplicated = new Set<number>();
  const firstId = new Map<string, number>();
  const firstPrefix = new Map<string, { index: number; field: string }>();
  for (const [index, partner] of partners.entries()) {
    if (!partner) continue;
    const sameId = firstId.get(partner.id);
    if (sameId === undefined) firstId.set(partner.id, index);
    else {
      const message = `expected a unique id, found ${describeValue(partner.id)}, which partners[${sameId}] also has`;
      problems.push({ file, field: `partners[${index}].id`, message });
      duplicated.add(index).add(sameId);
    }
    for (const [keyIndex, key] of partner.keys.entries()) {
      const field = `partners[${index}].keys[${keyIndex}]`;
      const first = firstPrefix.get(key.prefix);
      if (first === undefined) firstPrefix.set(key.prefix, { index, field });
      else {
        const found = describeValue(key.prefix);
        const message = `expected a unique key prefix, found ${found}, which ${first.field} also has`;
        problems.push({ file, field: `${field}.prefix`, message });
        duplicated.add(index).add(first.index);
      }
    }
  }
  return duplicated;
}
