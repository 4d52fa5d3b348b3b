/** A key in decoded text: `crk_`, the prefix, `_`, and what follows of the secret (any case of `crk`). */
const KEY = /crk_([a-z0-9]{10})_[A-Za-z0-9_-]+/gi;
const HAS_CRK = /crk/i;
/**
 * Decoding stops after this many rounds (`%5F`, `%255F`, `%25255F`, …): more than any client encodes by mistake,
 * and a bound on the work a crafted line can cause. A key hidden deeper only its holder could have put there.
 */
const MAX_ROUNDS = 16;

/** One character of the decoded text, with the original text it was decoded from. */
interface Unit {
  readonly raw: string;
  readonly char: string;
}

/**
 * Replaces the secret part of every partner key in a text with `…`, leaving `crk_k3f9a0c2d1_…`: logs see only
 * prefixes. Keys are found in every spelling, percent-encoded (`crk_k3f9a0c2d1%5F…`, `%63rk%5f…`) once or
 * many times over: the text is decoded, round after round, the keys found in the decoded text, and only the
 * characters a key was decoded from are replaced, so the rest of the line stays as it was sent.
 */
export function redactKeys(text: string): string {
  // Text with no `crk` and nothing percent-encoded holds no key in any spelling: most lines end here.
  if (!text.includes('%') && !HAS_CRK.test(text)) return text;
  // UTF-16 code units, as string indexes count: a match's index in the decoded text is an index among units.
  let units: Unit[] = text.split('').map((char) => ({ raw: char, char }));
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const decoded = decodeOnce(units);
    if (decoded.length === units.length) break;
    units = decoded;
  }
  const plain = units.map((unit) => unit.char).join('');
  let out = '';
  let at = 0;
  for (const match of plain.matchAll(KEY)) {
    const [whole, prefix = ''] = match; // KEY always captures the prefix
    out += rawOf(units.slice(at, match.index)) + `crk_${prefix}_…`;
    at = match.index + whole.length;
  }
  return at === 0 ? text : out + rawOf(units.slice(at));
}

/** The text units were decoded from. */
function rawOf(units: readonly Unit[]): string {
  return units.map((unit) => unit.raw).join('');
}

/**
 * One round of percent-decoding: `%` and two hex digits become one unit. A byte outside ASCII becomes U+FFFD,
 * which no key holds; the units keep one character each, so a match's position is a position among units.
 */
function decodeOnce(units: readonly Unit[]): Unit[] {
  const decoded: Unit[] = [];
  let next = 0; // the first unit not yet decoded: an escape takes three
  for (const [i, unit] of units.entries()) {
    if (i < next) continue;
    const escape = escapeAt(units, i);
    decoded.push(escape ?? unit);
    next = escape ? i + 3 : i + 1;
  }
  return decoded;
}

/** The unit that `%` and two hex digits at `i` decode to; undefined when no such escape starts there. */
function escapeAt(units: readonly Unit[], i: number): Unit | undefined {
  const [percent, high, low] = [units[i], units[i + 1], units[i + 2]];
  if (percent?.char !== '%' || !high || !low || !/^[0-9A-Fa-f]{2}$/.test(high.char + low.char)) return undefined;
  const byte = parseInt(high.char + low.char, 16);
  return { raw: percent.raw + high.raw + low.raw, char: byte < 0x80 ? String.fromCharCode(byte) : '\uFFFD' };
}
