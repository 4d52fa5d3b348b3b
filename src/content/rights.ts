import type { FieldReader } from './fields.js';
import type { Retraction, Status, Syndication } from './types.js';

const PARTNER_ID = /^[a-z0-9-]+$/;

/** `syndication: false`, `syndication: true` or `syndication: { partners: [ids] }`. */
export function readSyndication(read: FieldReader): Syndication {
  const value = read.raw('syndication');
  if (value === undefined || value === null || value === true) return { partners: 'all' };
  if (value === false) return { partners: 'none' };
  const partners = typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).partners : undefined;
  const extra = typeof value === 'object' && value !== null ? Object.keys(value).filter((key) => key !== 'partners') : [];
  if (Array.isArray(partners) && extra.length === 0 && partners.every((id) => typeof id === 'string' && PARTNER_ID.test(id))) {
    return { partners: partners as string[] };
  }
  read.fail('syndication', 'expected true, false, or a mapping { partners: [partner ids] }');
  return { partners: 'none' };
}

/** retracted_at and retraction_note: both required for a retracted article, refused on any other. */
export function readRetraction(read: FieldReader, status: Status, published: number | undefined, zone: string): Retraction | undefined {
  const at = read.date('retracted_at', zone);
  const note = read.plainText('retraction_note');
  if (status !== 'retracted') {
    if (at !== undefined || note !== undefined) read.fail(at !== undefined ? 'retracted_at' : 'retraction_note', 'expected only on an article whose status is retracted');
    return undefined;
  }
  if (at === undefined && !read.has('retracted_at')) read.fail('retracted_at', 'required when status is retracted; found nothing');
  if (note === undefined && !read.has('retraction_note')) read.fail('retraction_note', 'required when status is retracted: a short public note; found nothing');
  if (at !== undefined && published !== undefined && at < published) read.fail('retracted_at', 'expected a date not before published');
  return at !== undefined && note !== undefined ? { at, note } : undefined;
}
