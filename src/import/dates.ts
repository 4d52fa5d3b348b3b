import { DateTime } from 'luxon';

/**
 * An instant from an RSS date (RFC 822, as RSS 2.0 asks, in the forms generators write: "Tue, 24 Nov 2026
 * 09:30:00 +0000", "GMT", "EST", four- or two-digit years, no weekday) or an ISO 8601 / RFC 3339 one (Atom,
 * JSON Feed, and RSS written carelessly). Undefined when the text is no date or names no zone.
 */
export function parseFeedDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const iso = DateTime.fromISO(trimmed, { setZone: true });
  if (iso.isValid) return /(?:Z|[+-]\d\d:?\d\d)$/i.test(trimmed) ? iso.toMillis() : undefined;
  const rfc = DateTime.fromRFC2822(trimmed.replace(/\s+/g, ' '), { setZone: true });
  if (rfc.isValid) return rfc.toMillis();
  // What luxon's RFC 2822 reader refuses but feeds carry (a zone name such as "CEST", a missing seconds field):
  // V8's Date parser reads them, and an instant it finds is one the source meant.
  const loose = Date.parse(trimmed);
  return Number.isNaN(loose) || !/\b\d{4}\b/.test(trimmed) ? undefined : loose;
}

/** An instant as the records write it: UTC, to the second ("2026-11-24T09:30:00Z"). */
export function isoInstant(instant: number): string {
  return new Date(instant).toISOString().replace(/\.000Z$/, 'Z');
}
