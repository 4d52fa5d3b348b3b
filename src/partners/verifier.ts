import { createHash } from 'node:crypto';
import { withContext } from '../lib/errors.js';
import { GUARD_LIMITS, KeyGuard, type Refused } from './key-guard.js';
import { parseKey, UNKNOWN_PREFIX_HASH } from './keys.js';
import type { Partner, PartnerKey } from './types.js';

/** What a presented key comes to: its partner, a wrong key (whether or not its prefix exists), or not now. */
export type Verdict = { readonly partner: Partner } | { readonly refused: 'wrong' } | Refused;

const WRONG: Verdict = { refused: 'wrong' };

/**
 * Keys that verified, shared by several instances (Redis): by the SHA-256 of the key, what it opened (a digest
 * of the partner id and the key's stored hash, see `openedBy`), so an entry opens nothing once the key is
 * revoked or replaced. Never rejects: a memory that cannot be reached recalls nothing (one scrypt more) and
 * forgets quietly.
 */
export interface VerifiedKeyMemory {
  recall(digest: string): Promise<string | undefined>;
  remember(digest: string, opened: string): void;
}

/**
 * Tells which partner a presented key belongs to, for a client (its address). Every key-shaped text costs one
 * scrypt through the guard: against its partner's hash when the prefix is known, against UNKNOWN_PREFIX_HASH when
 * it is not, so neither the answer nor its time tells which prefixes exist. Text that is no key at all has no
 * prefix to tell about, and is refused without hashing.
 *
 * A key that verified is remembered (by its SHA-256, never as text), so a partner polling every minute costs one
 * scrypt, and the same key presented again while its check runs joins that check. Wrong keys are not remembered.
 * Build a new verifier whenever the partners change (a revoked key is then unknown, and the memory of it gone
 * with the old verifier), sharing the server's one guard. When scrypt itself fails, the check rejects: that is
 * our fault, not a wrong key, so it is neither counted as a wrong guess nor remembered, and the caller answers it
 * as an error of its own (a 500, logged).
 */
export class KeyVerifier {
  private readonly byPrefix = new Map<string, { partner: Partner; key: PartnerKey }>();
  /** At most one entry per key in the file: a key has exactly one text. */
  private readonly verified = new Map<string, Partner>();
  private readonly checking = new Map<string, Promise<Verdict>>();

  constructor(
    partners: readonly Partner[],
    private readonly guard: KeyGuard = new KeyGuard(() => 0, GUARD_LIMITS),
    /** Shared with the other instances: a key verified by one costs the others no scrypt. */
    private readonly memory?: VerifiedKeyMemory,
  ) {
    for (const partner of partners) {
      for (const key of partner.keys) this.byPrefix.set(key.prefix, { partner, key });
    }
  }

  verify(presented: string, client: string): Promise<Verdict> {
    const parsed = parseKey(presented);
    if (!parsed) return Promise.resolve(WRONG);
    const digest = createHash('sha256').update(presented).digest('base64url');
    const partner = this.verified.get(digest);
    if (partner) return Promise.resolve({ partner });
    const running = this.checking.get(digest);
    if (running) return running;
    const check = this.check(parsed.prefix, parsed.secret, client, digest);
    this.checking.set(digest, check);
    const done = () => this.checking.delete(digest);
    void check.then(done, done); // the outcome, rejection included, reaches the caller through `check`
    return check;
  }

  private async check(prefix: string, secret: string, client: string, digest: string): Promise<Verdict> {
    const known = this.byPrefix.get(prefix);
    // Asked whether or not the prefix is known, so the time of the answer does not tell which prefixes exist.
    const recalled = this.memory ? await this.memory.recall(digest) : undefined;
    if (known && recalled !== undefined && recalled === openedBy(known.partner, known.key)) {
      this.verified.set(digest, known.partner);
      return { partner: known.partner };
    }
    let result: boolean | Refused;
    try {
      result = await this.guard.check(client, secret, known?.key.hash ?? UNKNOWN_PREFIX_HASH);
    } catch (error) {
      const whose = known ? `of partner ${known.partner.id}` : 'of no partner';
      throw withContext(`checking a key ${whose} (prefix ${prefix})`, error);
    }
    if (typeof result !== 'boolean') return result;
    if (!result || !known) return WRONG;
    this.verified.set(digest, known.partner);
    this.memory?.remember(digest, openedBy(known.partner, known.key));
    return { partner: known.partner };
  }
}

/** What a verified key opened, as the shared memory keeps it: no scrypt hash leaves partners.yaml. */
function openedBy(partner: Partner, key: PartnerKey): string {
  return createHash('sha256').update(`${partner.id}\n${key.hash}`).digest('base64url');
}
