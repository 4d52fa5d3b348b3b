import type { FieldReader } from '../content/fields.js';
import { describeValue } from '../content/problem.js';

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
/** Headers that mean something else to HTTP, proxies or browsers: never a partner's token header. */
const TAKEN = ['authorization', 'proxy-authorization', 'cookie', 'host', 'connection', 'forwarded', 'user-agent'];
const TAKEN_PREFIXES = ['accept', 'content-', 'if-', 'sec-', 'x-forwarded-', 'proxy-', 'transfer-', 'range'];

function isTaken(name: string): boolean {
  const lower = name.toLowerCase();
  return TAKEN.includes(lower) || TAKEN_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** `token_header`: the name of a header the partner sends its key in, such as X-Api-Key. */
export function readTokenHeader(read: FieldReader): string | undefined {
  const value = read.raw('token_header');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && HEADER_NAME.test(value) && !isTaken(value)) return value;
  const expected = 'a header name of letters, digits and hyphens that HTTP does not use otherwise, such as X-Api-Key';
  return read.fail('token_header', `expected ${expected}, found ${describeValue(value)}`);
}
