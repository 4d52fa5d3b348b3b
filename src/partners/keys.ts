import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A key as given to a partner: `crk_<prefix>_<secret>`; the prefix is public, the secret is 32 random bytes. */
const KEY_PATTERN = /^crk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;
export const PREFIX_PATTERN = /^[a-z0-9]{10}$/;
/** `scrypt$N$r$p$<salt>$<hash>`, salt (16 bytes) and hash (32 bytes) in base64url. */
export const HASH_PATTERN = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const COST = { N: 16384, r: 8, p: 1 };
const HASH_BYTES = 32;

/**
 * What a key of a prefix no partner has is checked against: a hash with our own parameters, salt and hash all
 * zeros, which a secret matches only if its scrypt is 32 zero bytes. An unknown prefix costs what a known one does.
 */
export const UNKNOWN_PREFIX_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

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
