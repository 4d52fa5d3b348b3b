import { matchesHash } from './keys.js';

/** The bounds on checking keys: per client address, and for the whole process. */
export interface GuardLimits {
  /** Wrong keys one client may present within `windowMs` before it must wait for the window to end. */
  readonly failures: number;
  readonly windowMs: number;
  /** Checks one client may have running or waiting at once. */
  readonly perClient: number;
  /** Checks (each one scrypt) running at once over all clients, and how many more may wait for a turn. */
  readonly concurrency: number;
  readonly queue: number;
  /** Clients remembered at most; beyond it the oldest is forgotten. */
  readonly clients: number;
}

export const GUARD_LIMITS: GuardLimits = {
  failures: 10,
  windowMs: 60_000,
  perClient: 2,
  concurrency: 2,
  queue: 32,
  clients: 10_000,
};

/** Why a key was not checked now, and in how many seconds to ask again. */
export interface Refused {
  /** `throttled`: this client presented too many wrong keys, or has too many checks going; `busy`: everyone has. */
  readonly refused: 'throttled' | 'busy';
  readonly retryAfter: number;
}

interface Client {
  failures: number;
  since: number;
  inFlight: number;
}

/**
 * Runs the scrypt of every key check, within bounds that keep guessing from costing the CPU, and that never turn
 * away a key because of someone else's guesses: a client (an address) that presents `failures` wrong keys within
 * the window waits for the window to end, whatever prefixes it tried; every client has at most `perClient`
 * checks going; and the whole process runs at most `concurrency` checks, with `queue` more waiting, beyond which
 * a check is refused as busy (an answer to try again, never a wrong key). One guard serves every KeyVerifier of a
 * server, so its counts outlive a reload of the partners.
 */
export class KeyGuard {
  private readonly clients = new Map<string, Client>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private hashed = 0;

  constructor(
    private readonly clock: () => number,
    private readonly limits: GuardLimits = GUARD_LIMITS,
  ) {}

  /** How many scrypts the guard has run: one per check, whether the key's prefix is known or not. */
  get hashes(): number {
    return this.hashed;
  }

  /** Whether `secret` matches `stored`, for `client`; or why it was not checked. Rejects when scrypt fails. */
  async check(client: string, secret: string, stored: string): Promise<boolean | Refused> {
    const known = this.clients.get(client);
    const wait = known ? this.throttled(known) : 0;
    if (wait > 0) return { refused: 'throttled', retryAfter: wait };
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queue) {
      return { refused: 'busy', retryAfter: 1 };
    }
    const record = known ?? this.remember(client);
    record.inFlight += 1;
    let matches: boolean;
    try {
      await this.turn();
      try {
        this.hashed += 1;
        matches = await matchesHash(secret, stored);
      } finally {
        this.release();
      }
    } finally {
      record.inFlight -= 1;
    }
    if (!matches) this.fail(record);
    else if (record.failures === 0 && record.inFlight === 0) this.clients.delete(client);
    return matches;
  }

  /** Seconds the client must wait before a check, or 0. */
  private throttled(record: Client): number {
    const now = this.clock();
    if (record.failures > 0 && now - record.since >= this.limits.windowMs) record.failures = 0;
    if (record.failures >= this.limits.failures) {
      return Math.max(1, Math.ceil((record.since + this.limits.windowMs - now) / 1000));
    }
    return record.inFlight >= this.limits.perClient ? 1 : 0;
  }

  private fail(record: Client): void {
    if (record.failures === 0) record.since = this.clock();
    record.failures += 1;
  }

  private remember(client: string): Client {
    if (this.clients.size >= this.limits.clients) this.forgetOne();
    const record = { failures: 0, since: 0, inFlight: 0 };
    this.clients.set(client, record);
    return record;
  }

  /** Forgets a client whose window is over, else the oldest: an attacker with many addresses is bounded anyway. */
  private forgetOne(): void {
    const now = this.clock();
    for (const [client, record] of this.clients) {
      if (record.inFlight === 0 && now - record.since >= this.limits.windowMs) {
        this.clients.delete(client);
        return;
      }
    }
    const oldest = this.clients.keys().next();
    if (!oldest.done) this.clients.delete(oldest.value);
  }

  /** Waits for one of the `concurrency` turns; release hands it to the next in line. */
  private turn(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
