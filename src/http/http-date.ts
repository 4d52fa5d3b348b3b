const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** Sun, 06 Nov 1994 08:49:37 GMT */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** Sunday, 06-Nov-94 08:49:37 GMT */
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** Sun Nov  6 08:49:37 1994 */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * An HTTP-date (RFC 9110 §5.6.7) in epoch milliseconds: IMF-fixdate, or one of the two obsolete forms a
 * recipient must accept. Anything else (a list of dates, an ISO date, "yesterday") is undefined, and RFC 9110
 * §13.1.3/§13.1.4 say such a field is ignored. A two-digit year more than 50 years after `now` is read as the
 * most recent past year with those digits.
 */
export function parseHttpDate(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, ...time] = match;
    return utc(Number(year), month, day, time);
  }
  match = RFC850.exec(text);
  if (match) {
    const [, day, month, year, ...time] = match;
    return utc(fullYear(Number(year), now), month, day, time);
  }
  match = ASCTIME.exec(text);
  if (match) {
    const [, month, day, hours, minutes, seconds, year] = match;
    return utc(Number(year), month, day, [hours, minutes, seconds]);
  }
  return undefined;
}

function utc(
  year: number,
  month = '',
  day = '',
  [hours, minutes, seconds]: Array<string | undefined>,
): number | undefined {
  const monthIndex = MONTHS.indexOf(month);
  const time = Date.UTC(year, monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds));
  const date = new Date(time);
  // Date.UTC rolls 31 Feb over into March and 24:00 into the next day; an HTTP-date must name a real moment.
  const real =
    monthIndex >= 0 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === monthIndex &&
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hours) &&
    date.getUTCMinutes() === Number(minutes) &&
    date.getUTCSeconds() === Number(seconds);
  return real ? time : undefined;
}

function fullYear(twoDigits: number, now: number): number {
  const thisYear = new Date(now).getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + twoDigits;
  if (year > thisYear + 50) year -= 100;
  return year;
}
