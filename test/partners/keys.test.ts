import assert from 'node:assert/strict';
import { hashKey, newKey, parseKey } from '../../src/partners/keys.js';
import { isErrnoException } from '../../src/lib/errors.js';
import { GUARD_LIMITS, KeyGuard } from '../../src/partners/key-guard.js';
import { KeyVerifier, type Verdict } from '../../src/partners/verifier.js';
import { parsePartners } from '../../src/partners/registry-parse.js';
import { loadPartners, savePartners } from '../../src/partners/registry.js';
import type { Partner } from '../../src/partners/types.js';
import { TempContent } from '../helpers/content.js';

/** The partner a verdict names, else why not: 'wrong', 'throttled' or 'busy'. */
const outcome = (verdict: Verdict): string => ('partner' in verdict ? verdict.partner.id : verdict.refused);
const CLIENT = '192.0.2.1';

describe('partner keys', () => {
  it('are crk_, a 10-character prefix and 43 characters of secret, and parse back into those parts', () => {
    const { key, prefix } = newKey();
    assert.match(key, /^crk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(parseKey(key), { prefix, secret: key.slice(15) });
    assert.notEqual(newKey().key, key);
  });

  it('parse only when exactly of that shape', () => {
    const secret = 'A'.repeat(43);
    for (const text of [
      `crk_ABCDEFGHIJ_${secret}`,
      `crk_abcdefghi_${secret}`,
      `crk_abcdefghij_${secret}A`,
      `crk_abcdefghij_${secret.slice(1)}`,
      ` crk_abcdefghij_${secret}`,
      `crk_abcdefghij_${secret}\n`,
      `crx_abcdefghij_${secret}`,
      `crk_abcdefghij_${secret.slice(1)}=`,
      '',
    ]) {
      assert.equal(parseKey(text), undefined, JSON.stringify(text));
    }
  });

  describe('verified', () => {
    const { key, prefix } = newKey();
    let partner: Partner;
    before(async () => {
      const parsed = parseKey(key);
      assert.ok(parsed);
      const hash = await hashKey(parsed.secret);
      assert.match(hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      partner = { id: 'msn', name: 'MSN', profile: 'msn', keys: [{ prefix, hash, created: '2026-11-26T12:00:00Z' }] };
    });

    it('give the partner whose key was presented', async () => {
      assert.equal(outcome(await new KeyVerifier([partner]).verify(key, CLIENT)), 'msn');
    });

    it('are wrong with the right prefix and a wrong secret', async () => {
      const wrong = `crk_${prefix}_${'A'.repeat(43)}`;
      assert.equal(outcome(await new KeyVerifier([partner]).verify(wrong, CLIENT)), 'wrong');
    });

    it('are wrong for a prefix no partner has, after the same scrypt as for a known prefix', async () => {
      const guard = new KeyGuard(() => 0);
      const verifier = new KeyVerifier([partner], guard);
      assert.equal(outcome(await verifier.verify(`crk_${prefix}_${'A'.repeat(43)}`, CLIENT)), 'wrong');
      assert.equal(guard.hashes, 1, 'a known prefix costs one scrypt');
      assert.equal(outcome(await verifier.verify(newKey().key, CLIENT)), 'wrong');
      assert.equal(guard.hashes, 2, 'so does an unknown one');
    });

    it('are wrong without hashing when the text is no key at all, which has no prefix to tell of', async () => {
      const guard = new KeyGuard(() => 0);
      const verifier = new KeyVerifier([partner], guard);
      for (const text of [`Bearer ${key}`, '', `${key}x`])
        assert.equal(outcome(await verifier.verify(text, CLIENT)), 'wrong');
      assert.equal(guard.hashes, 0);
    });

    it('are remembered once they verify, so a partner polling often costs one scrypt', async () => {
      const guard = new KeyGuard(() => 0);
      const verifier = new KeyVerifier([partner], guard);
      const together = await Promise.all([1, 2, 3].map(() => verifier.verify(key, CLIENT)));
      assert.deepEqual(together.map(outcome), ['msn', 'msn', 'msn']);
      assert.equal(outcome(await verifier.verify(key, '192.0.2.99')), 'msn');
      assert.equal(guard.hashes, 1, 'three requests at once and one later: one scrypt');
    });

    it('fail once revoked and the partners reloaded', async () => {
      const temp = new TempContent();
      try {
        await savePartners(temp.content, [partner]);
        const reloaded = async () => new KeyVerifier((await loadPartners(temp.content)).partners);
        assert.equal(outcome(await (await reloaded()).verify(key, CLIENT)), 'msn');
        await savePartners(temp.content, [{ ...partner, keys: [] }]);
        assert.equal(outcome(await (await reloaded()).verify(key, CLIENT)), 'wrong');
      } finally {
        temp.remove();
      }
    });
  });
});

describe('a key verifier when scrypt fails', () => {
  // N = 65536 with r = 1 passes our check of a stored hash, but OpenSSL's scrypt wants N below 2^(16 r) and
  // refuses it at run time ("memory limit exceeded"): a real failure of scrypt, whatever the secret.
  const { key, prefix } = newKey();
  const yaml = `partners:
  - id: msn
    name: MSN
    profile: msn
    keys:
      - prefix: ${prefix}
        hash: "scrypt$65536$1$1$${'s'.repeat(22)}$${'h'.repeat(43)}"
        created: "2026-11-26T12:00:00Z"
`;

  it('rejects, naming the partner and prefix, instead of answering as for a wrong key', async () => {
    const { partners, problems } = parsePartners(yaml, 'partners.yaml');
    assert.deepEqual(problems, [], 'the file itself is valid');
    const verifier = new KeyVerifier(partners);
    await assert.rejects(verifier.verify(key, CLIENT), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, new RegExp(`^checking a key of partner msn \\(prefix ${prefix}\\): .*scrypt`, 'i'));
      assert.ok(!error.message.includes(key.slice(15)), 'the secret is never in the message');
      assert.ok(isErrnoException(error.cause) && error.cause.code === 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
      return true;
    });
  });

  it('is neither counted as a wrong guess nor remembered', async () => {
    const verifier = new KeyVerifier(parsePartners(yaml, 'partners.yaml').partners);
    for (let i = 0; i <= GUARD_LIMITS.failures; i += 1) {
      await assert.rejects(verifier.verify(key, CLIENT), /scrypt/i, `check ${i + 1} is still hashed, not throttled`);
    }
  });
});
