import assert from 'node:assert/strict';
import { GUARD_LIMITS, KeyGuard, type GuardLimits } from '../../src/partners/key-guard.js';
import { hashKey, newKey } from '../../src/partners/keys.js';
import type { Partner } from '../../src/partners/types.js';
import { KeyVerifier, type Verdict } from '../../src/partners/verifier.js';

const outcome = (verdict: Verdict): string => ('partner' in verdict ? verdict.partner.id : verdict.refused);
const GUESSER = '192.0.2.1';
const PARTNER = '198.51.100.7';

describe('key checks under guessing', () => {
  const { key, prefix } = newKey();
  let partner: Partner;
  before(async () => {
    const hash = await hashKey(key.slice(15));
    partner = { id: 'msn', name: 'MSN', profile: 'msn', keys: [{ prefix, hash, created: '2026-11-26T12:00:00Z' }] };
  });
  const guessAtPrefix = (i: number) => `crk_${prefix}_${String(i).padStart(43, 'A')}`;

  it('turn a client away after ten wrong keys, whatever the prefixes, and check the right key of another', async () => {
    let now = 0;
    const guard = new KeyGuard(() => now);
    const verifier = new KeyVerifier([partner], guard);
    for (let i = 0; i < GUARD_LIMITS.failures; i += 1) {
      const guess = i % 2 === 0 ? guessAtPrefix(i) : newKey().key;
      assert.equal(outcome(await verifier.verify(guess, GUESSER)), 'wrong', `guess ${i + 1}`);
    }
    const hashed = guard.hashes;
    const turnedAway = await verifier.verify(key, GUESSER);
    assert.deepEqual(turnedAway, { refused: 'throttled', retryAfter: 60 }, 'told to wait, never that the key is wrong');
    assert.equal(guard.hashes, hashed, 'and nothing was hashed for it');
    assert.equal(outcome(await verifier.verify(key, PARTNER)), 'msn', 'the partner, elsewhere, is checked');
    now += 59_000;
    assert.deepEqual(await verifier.verify(guessAtPrefix(99), GUESSER), { refused: 'throttled', retryAfter: 1 });
    now += 1_000;
    assert.equal(outcome(await verifier.verify(guessAtPrefix(99), GUESSER)), 'wrong', 'a minute on, it is checked');
  });

  it('let a key that verified through even for a client that is turned away: it costs nothing', async () => {
    const verifier = new KeyVerifier([partner], new KeyGuard(() => 0));
    assert.equal(outcome(await verifier.verify(key, PARTNER)), 'msn');
    for (let i = 0; i < GUARD_LIMITS.failures; i += 1) await verifier.verify(guessAtPrefix(i), PARTNER);
    assert.equal(outcome(await verifier.verify(guessAtPrefix(50), PARTNER)), 'throttled');
    assert.equal(outcome(await verifier.verify(key, PARTNER)), 'msn');
  });

  it('keep counting a client across a reload of the partners: a new verifier, the same guard', async () => {
    const guard = new KeyGuard(() => 0);
    const before = new KeyVerifier([partner], guard);
    for (let i = 0; i < GUARD_LIMITS.failures; i += 1) await before.verify(guessAtPrefix(i), GUESSER);
    const reloaded = new KeyVerifier([partner], guard);
    assert.equal(outcome(await reloaded.verify(guessAtPrefix(50), GUESSER)), 'throttled');
    assert.equal(outcome(await reloaded.verify(key, PARTNER)), 'msn');
  });
});

describe('key checks at once', () => {
  const limits = (changes: Partial<GuardLimits>): GuardLimits => ({ ...GUARD_LIMITS, ...changes });

  it('run at most `concurrency` scrypts, queue `queue` more, and answer the rest busy, not wrong', async () => {
    const guard = new KeyGuard(() => 0, limits({ concurrency: 1, queue: 1 }));
    const verifier = new KeyVerifier([], guard);
    const clients = ['192.0.2.1', '192.0.2.2', '192.0.2.3'];
    const verdicts = await Promise.all(clients.map((client) => verifier.verify(newKey().key, client)));
    assert.deepEqual(verdicts.map(outcome), ['wrong', 'wrong', 'busy']);
    assert.deepEqual(verdicts[2], { refused: 'busy', retryAfter: 1 });
    assert.equal(guard.hashes, 2);
    assert.equal(outcome(await verifier.verify(newKey().key, clients[2]!)), 'wrong', 'and check it once there is room');
  });

  it('let one client have at most `perClient` checks going', async () => {
    const verifier = new KeyVerifier([], new KeyGuard(() => 0, limits({ perClient: 2 })));
    const verdicts = await Promise.all([1, 2, 3].map(() => verifier.verify(newKey().key, GUESSER)));
    assert.deepEqual(verdicts.map(outcome), ['wrong', 'wrong', 'throttled']);
    assert.equal(outcome(await verifier.verify(newKey().key, PARTNER)), 'wrong', 'another client has its own');
  });

  it('remember at most `clients` clients, forgetting the oldest first', async () => {
    const verifier = new KeyVerifier([], new KeyGuard(() => 0, limits({ clients: 2, failures: 1 })));
    await verifier.verify(newKey().key, '192.0.2.1');
    await verifier.verify(newKey().key, '192.0.2.2');
    assert.equal(outcome(await verifier.verify(newKey().key, '192.0.2.1')), 'throttled');
    await verifier.verify(newKey().key, '192.0.2.3');
    assert.equal(outcome(await verifier.verify(newKey().key, '192.0.2.1')), 'wrong', 'forgotten, so checked again');
  });
});
