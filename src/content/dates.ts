import { DateTime } from 'luxon';

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?`;
const OFFSET = String.raw`(?:([Zz])|([+-])(\d{2}):?(\d{2}))`;
const WITH_OFFSET = new RegExp(`^${DATE}[Tt ]${TIME}${OFFSET}$`);

/**
 * Epoch ms of an ISO 8601 / RFC 3339 date or date-time; one without an offset is read in `zone`.
 * Undefined when it is not a real date ("2026-02-30", "yesterday"). Date-times with an offset, the usual
 * case, are read here directly; luxon reads the rest, being the one that knows time zones.
 */
export function parseDate(text: string, zone: string): number | undefined {
  const match = WITH_OFFSET.exec(text);
  if (match) return fromParts(match);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { zone, setZone: true });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

function fromParts(match: RegExpExecArray): number | undefined {
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zulu, sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const [offsetHours, offsetMinutes] = [Number(oh), Number(om)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const midnight = Date.UTC(year, month - 1, day);
  if (new Date(midnight).getUTCDate() !== day) return undefined;
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000 + Math.floor(Number(`0.${fraction}`) * 1000) - offset;
}

/** Year, month and day of a moment as seen in a time zone. */
export function calendarDate(ms: number, zone: string): { year: number; month: number; day: number } {
  if (zone === 'UTC' || zone === 'Etc/UTC') {
    const date = new Date(ms);
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  const { year, month, day } = DateTime.fromMillis(ms, { zone });
  return { year, month, day };
}
