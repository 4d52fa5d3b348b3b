import Negotiator from 'negotiator';
import type { Encoding } from './feed-store.js';

const AVAILABLE: Encoding[] = ['br', 'gzip', 'identity'];
const MAX_REMEMBERED = 256;
const remembered = new Map<string, Encoding>();

/**
 * The encoding to send for an Accept-Encoding header, q-values honoured, brotli preferred on a tie.
 * Clients send few distinct headers, so answers are remembered (up to a bound) to keep parsing off the
 * hot path.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (acceptEncoding === undefined || acceptEncoding === '') return 'identity';
  let encoding = remembered.get(acceptEncoding);
  if (encoding === undefined) {
    const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
    // negotiator 1.x takes the server's order for ties; @types/negotiator does not know the option yet.
    const encodings = negotiator.encodings.bind(negotiator) as (available: Encoding[], options: { preferred: Encoding[] }) => Encoding[];
    const [best] = encodings(AVAILABLE, { preferred: AVAILABLE });
    encoding = best ?? 'identity';
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(acceptEncoding, encoding);
  }
  return encoding;
}
