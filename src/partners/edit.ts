import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Partner, PartnerKey } from './types.js';

/**
 * The partners file's text with `partners` in force, edited in place: comments, blank lines, order and
 * layout of what did not change are kept, a removed partner or key is taken out, a new one appended. Undefined
 * when the text cannot be edited that way (not YAML, no `partners` list): the caller writes it anew.
 */
export function editPartners(text: string, partners: readonly Partner[]): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const list = doc.get('partners', true);
  if (!isSeq(list)) return undefined;
  const wanted = new Map(partners.map((partner) => [partner.id, partner]));
  const present = new Set<string>();
  for (let index = list.items.length - 1; index >= 0; index -= 1) {
    const entry = list.items[index];
    const id = isMap(entry) ? entry.get('id') : undefined;
    const partner = typeof id === 'string' ? wanted.get(id) : undefined;
    if (!isMap(entry) || !partner) {
      list.items.splice(index, 1);
      continue;
    }
    present.add(partner.id);
    updatePartner(doc, entry, partner);
  }
  for (const partner of partners) if (!present.has(partner.id)) list.add(doc.createNode(plain(partner)));
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function updatePartner(doc: Document, entry: YAMLMap, partner: Partner): void {
  if (entry.get('name') !== partner.name) entry.set('name', partner.name);
  if (entry.get('profile') !== partner.profile) entry.set('profile', partner.profile);
  const keys = entry.get('keys', true);
  if (!isSeq(keys)) {
    entry.set('keys', doc.createNode(partner.keys.map(plainKey)));
    return;
  }
  updateKeys(doc, keys, partner.keys);
}

function updateKeys(doc: Document, keys: YAMLSeq, wanted: readonly PartnerKey[]): void {
  const byPrefix = new Map(wanted.map((key) => [key.prefix, key]));
  const present = new Set<string>();
  for (let index = keys.items.length - 1; index >= 0; index -= 1) {
    const entry = keys.items[index];
    const prefix = isMap(entry) ? entry.get('prefix') : undefined;
    if (typeof prefix === 'string' && byPrefix.has(prefix)) present.add(prefix);
    else keys.items.splice(index, 1);
  }
  const added = wanted.filter((key) => !present.has(key.prefix));
  // A flow list (`keys: []`) would put a new key on one long line: written as a block list instead.
  if (added.length > 0) keys.flow = false;
  for (const key of added) keys.add(doc.createNode(plainKey(key)));
}

function plain(partner: Partner): Record<string, unknown> {
  return {
    id: partner.id,
    name: partner.name,
    profile: partner.profile,
    ...(partner.categories && { categories: [...partner.categories] }),
    keys: partner.keys.map(plainKey),
    ...(partner.tokenHeader && { token_header: partner.tokenHeader }),
  };
}

function plainKey(key: PartnerKey): Record<string, string> {
  return { prefix: key.prefix, hash: key.hash, created: key.created };
}
