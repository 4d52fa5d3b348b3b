import Negotiator from 'negotiator';
import type { Encoding } from './stored-feed.js';

/** Server's order of preference: gzip wins a tie (no brotli: docs/decisions.md, "gzip, and no brotli"). */
const AVAILABLE: readonly Encoding[] = ['gzip', 'identity'];
const MAX_REMEMBERED = 256;

/** negotiator 1.x takes the server's order for ties; @types/negotiator does not know the option yet. */
type EncodingsWithPreference = (available: Encoding[], options: { preferred: Encoding[] }) => Encoding[];

/**
 * Picks the encoding to send for an Accept-Encoding header, q-values honoured. Clients send few distinct
 * headers, so answers are remembered (up to a bound, then forgotten all at once) to keep parsing off the hot
 * path. One chooser per server, shared by every path that serves feeds.
 */
export class EncodingChooser {
  private readonly remembered = new Map<string, Encoding>();

  choose(acceptEncoding: string | undefined): Encoding {
    if (acceptEncoding === undefined || acceptEncoding === '') return 'identity';
    const known = this.remembered.get(acceptEncoding);
    if (known !== undefined) return known;
    const encoding = negotiate(acceptEncoding);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(acceptEncoding, encoding);
    return encoding;
  }
}

function negotiate(acceptEncoding: string): Encoding {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
  const encodings = negotiator.encodings.bind(negotiator) as EncodingsWithPreference;
  const [best] = encodings([...AVAILABLE], { preferred: [...AVAILABLE] });
  return best ?? 'identity';
}
