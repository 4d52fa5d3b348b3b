import assert from 'node:assert/strict';
import { FAILURE_LIMIT, hashKey, KeyVerifier, newKey, parseKey } from '../../src/partners/keys.js';
import { isErrnoException } from '../../src/lib/errors.js';
import { loadPartners, parsePartners, savePartners } from '../../src/partners/registry.js';
import type { Partner } from '../../src/partners/types.js';
import { TempContent } from '../helpers/content.js';

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
      assert.equal(await new KeyVerifier([partner]).verify(key), partner);
    });

    it('fail with the right prefix and a wrong secret', async () => {
      const wrong = `crk_${prefix}_${'A'.repeat(43)}`;
      assert.equal(await new KeyVerifier([partner]).verify(wrong), undefined);
    });

    it('fail for a prefix no partner has, and for text that is no key', async () => {
      const verifier = new KeyVerifier([partner]);
      for (let i = 0; i < 20; i += 1) {
        assert.equal(await verifier.verify(newKey().key), undefined);
        assert.equal(await verifier.verify(`Bearer ${key}`), undefined);
      }
    });

    it('are remembered once they verify, so a partner polling often costs one scrypt', async () => {
      const verifier = new KeyVerifier([partner]);
      const first = verifier.verify(key);
      assert.equal(await first, partner);
      assert.equal(verifier.verify(key), first, 'the remembered check itself is handed back');
    });

    it('fail once revoked and the partners reloaded', async () => {
      const temp = new TempContent();
      try {
        await savePartners(temp.content, [partner]);
        assert.equal((await new KeyVerifier((await loadPartners(temp.content)).partners).verify(key))?.id, 'msn');
        await savePartners(temp.content, [{ ...partner, keys: [] }]);
        assert.equal(await new KeyVerifier((await loadPartners(temp.content)).partners).verify(key), undefined);
      } finally {
        temp.remove();
      }
    });
  });
});

describe('a key verifier under guessing', () => {
  it('refuses a prefix without hashing for the rest of the minute after ten wrong secrets', async () => {
    const { key, prefix } = newKey();
    const hash = await hashKey(key.slice(15));
    const keys = [{ prefix, hash, created: '2026-11-26T12:00:00Z' }];
    const partner: Partner = { id: 'msn', name: 'MSN', profile: 'msn', keys };
    let now = 0;
    const remembering = new KeyVerifier([partner], () => now);
    assert.equal(await remembering.verify(key), partner);
    const fresh = new KeyVerifier([partner], () => now);
    const guess = (i: number) => `crk_${prefix}_${String(i).padStart(43, 'A')}`;
    for (let i = 0; i < FAILURE_LIMIT; i += 1) {
      assert.equal(await remembering.verify(guess(i)), undefined);
      assert.equal(await fresh.verify(guess(i)), undefined);
    }
    assert.equal(await remembering.verify(key), partner, 'a key that verified before still works');
    assert.equal(await fresh.verify(key), undefined, 'even the right secret is not hashed now');
    now += 61_000;
    assert.equal(await fresh.verify(key), partner, 'a minute later it is');
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
    await assert.rejects(verifier.verify(key), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, new RegExp(`^checking a key of partner msn \\(prefix ${prefix}\\): .*scrypt`, 'i'));
      assert.ok(!error.message.includes(key.slice(15)), 'the secret is never in the message');
      assert.ok(isErrnoException(error.cause) && error.cause.code === 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
      return true;
    });
  });

  it('is neither counted as a failed guess nor remembered', async () => {
    const verifier = new KeyVerifier(parsePartners(yaml, 'partners.yaml').partners);
    const checks: Promise<unknown>[] = [];
    for (let i = 0; i <= FAILURE_LIMIT; i += 1) {
      const check = verifier.verify(key);
      assert.ok(!checks.includes(check), 'a failed check is not handed back again');
      checks.push(check);
      await assert.rejects(check, /scrypt/i, `check ${i + 1} is still hashed, not refused as a guess`);
    }
  });
});
