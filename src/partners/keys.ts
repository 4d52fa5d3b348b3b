import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { withContext } from '../lib/errors.js';
import type { Partner, PartnerKey } from './types.js';

/** A key as given to a partner: `crk_<prefix>_<secret>`; the prefix is public, the secret is 32 random bytes. */
const KEY_PATTERN = /^crk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
export const PREFIX_PATTERN = /^[a-z0-9]{10}$/;
/** `scrypt$N$r$p$<salt>$<hash>`, salt (16 bytes) and hash (32 bytes) in base64url. */
export const HASH_PATTERN = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const COST = { N: 16384, r: 8, p: 1 };
const HASH_BYTES = 32;

export function newKey(): { key: string; prefix: string } {
  const prefix = Array.from({ length: 10 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
  return { key: `crk_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

export function parseKey(text: string): { prefix: string; secret: string } | undefined {
  const [, prefix, secret] = KEY_PATTERN.exec(text) ?? [];
  return prefix !== undefined && secret !== undefined ? { prefix, secret } : undefined;
}

export async function hashKey(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(secret, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** The cost parameters of a stored hash, or undefined unless scrypt can run them in bounded memory. */
export function hashCost(hash: string): { N: number; r: number; p: number } | undefined {
  const match = HASH_PATTERN.exec(hash);
  if (!match) return undefined;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = (N & (N - 1)) === 0;
  return powerOfTwo && N >= 1024 && N <= 1_048_576 && r >= 1 && r <= 16 && p >= 1 && p <= 4 ? { N, r, p } : undefined;
}

/**
 * Whether a secret matches a stored hash; a hash that is not ours matches nothing. Rejects when scrypt
 * fails (it refuses parameters, or memory runs out): that says nothing about the secret.
 */
export async function matchesHash(secret: string, stored: string): Promise<boolean> {
  const cost = hashCost(stored);
  const [, , , , salt, hash] = stored.split('$');
  if (!cost || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(secret, Buffer.from(salt, 'base64url'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function derive(secret: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const MINUTE = 60_000;
export const FAILURE_LIMIT = 10;

/**
 * Tells which partner a presented key belongs to. A key whose prefix no partner has is refused without
 * hashing. A key that verified once is remembered (by its SHA-256, never as text), so a partner polling every
 * minute costs one scrypt; keys that fail are not remembered. Build a new verifier whenever the partners
 * change: a revoked key is then unknown, and the memory of it is gone with the old verifier. A prefix that
 * fails FAILURE_LIMIT times within a minute (someone guessing a known prefix's secret) is refused without
 * hashing until the minute is over, so guesses cannot keep the CPU busy; a key already remembered still works.
 * When scrypt itself fails, the check rejects: that is our fault, not a wrong key, so it is neither counted
 * as a failed guess nor remembered, and the caller answers it as an error of its own (a 500, logged).
 */
export class KeyVerifier {
  private readonly byPrefix = new Map<string, { partner: Partner; key: PartnerKey }>();
  /** At most one entry per key in the file (a key has exactly one text), plus checks in flight. */
  private readonly remembered = new Map<string, Promise<Partner | undefined>>();
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    partners: readonly Partner[],
    private readonly clock: () => number = () => 0,
  ) {
    for (const partner of partners) {
      for (const key of partner.keys) this.byPrefix.set(key.prefix, { partner, key });
    }
  }

  verify(presented: string): Promise<Partner | undefined> {
    const parsed = parseKey(presented);
    const known = parsed && this.byPrefix.get(parsed.prefix);
    if (!parsed || !known) return Promise.resolve(undefined);
    const digest = createHash('sha256').update(presented).digest('base64url');
    const remembered = this.remembered.get(digest);
    if (remembered) return remembered;
    if (this.throttled(parsed.prefix)) return Promise.resolve(undefined);
    const check = this.check(parsed.secret, known);
    this.remembered.set(digest, check);
    void check.then(
      (partner) => {
        if (partner) return;
        this.remembered.delete(digest);
        this.fail(parsed.prefix);
      },
      () => this.remembered.delete(digest),
    ); // the rejection itself reaches the caller through `check`
    return check;
  }

  private async check(secret: string, known: { partner: Partner; key: PartnerKey }): Promise<Partner | undefined> {
    try {
      return (await matchesHash(secret, known.key.hash)) ? known.partner : undefined;
    } catch (error) {
      throw withContext(`checking a key of partner ${known.partner.id} (prefix ${known.key.prefix})`, error);
    }
  }

  private throttled(prefix: string): boolean {
    const failures = this.failures.get(prefix);
    return failures !== undefined && this.clock() - failures.since < MINUTE && failures.count >= FAILURE_LIMIT;
  }

  private fail(prefix: string): void {
    const now = this.clock();
    const failures = this.failures.get(prefix);
    if (!failures || now - failures.since >= MINUTE) this.failures.set(prefix, { count: 1, since: now });
    else failures.count += 1;
  }
}
