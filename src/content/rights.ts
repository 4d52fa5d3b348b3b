import type { FieldReader } from './fields.js';
import type { Retraction, Status, Syndication } from './types.js';
import { isMapping } from './yaml.js';

const PARTNER_ID = /^[a-z0-9-]+$/;

/** `syndication: false`, `syndication: true` or `syndication: { partners: [ids] }`. */
export function readSyndication(read: FieldReader): Syndication {
  const value = read.raw('syndication');
  if (value === undefined || value === null || value === true) return { partners: 'all' };
  if (value === false) return { partners: 'none' };
  const onlyPartners = isMapping(value) && Object.keys(value).every((key) => key === 'partners');
  const partners = onlyPartners ? value.partners : undefined;
  if (Array.isArray(partners) && partners.every(isPartnerId)) return { partners };
  read.fail('syndication', 'expected true, false, or a mapping { partners: [partner ids] }');
  return { partners: 'none' };
}

/** retracted_at and retraction_note: both required for a retracted article, refused on any other. */
export function readRetraction(
  read: FieldReader,
  status: Status,
  published: number | undefined,
  zone: string,
): Retraction | undefined {
  const at = read.date('retracted_at', zone);
  const note = read.plainText('retraction_note');
  if (status !== 'retracted') {
    const given = at !== undefined ? 'retracted_at' : note !== undefined ? 'retraction_note' : undefined;
    if (given) read.fail(given, 'expected only on an article whose status is retracted');
    return undefined;
  }
  if (at === undefined && !read.has('retracted_at')) {
    read.fail('retracted_at', 'required when status is retracted; found nothing');
  }
  if (note === undefined && !read.has('retraction_note')) {
    read.fail('retraction_note', 'required when status is retracted: a short public note; found nothing');
  }
  if (at !== undefined && published !== undefined && at < published) {
    read.fail('retracted_at', 'expected a date not before published');
  }
  return at !== undefined && note !== undefined ? { at, note } : undefined;
}

function isPartnerId(id: unknown): id is string {
  return typeof id === 'string' && PARTNER_ID.test(id);
}
