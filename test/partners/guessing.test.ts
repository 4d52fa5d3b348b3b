import assert from 'node:assert/strict';
import { GUARD_LIMITS } from '../../src/partners/key-guard.js';
import { newKey, parseKey } from '../../src/partners/keys.js';
import type { RunningService } from '../../src/service/service-types.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { issueKeys, pullFrom } from './helpers.js';

const GUESSER = '127.0.0.1';
const PARTNER = '127.0.0.2';

describe('someone guessing at a partner key over HTTP', () => {
  it('is told to wait after ten wrong keys; the partner, elsewhere, still gets in, also after a restart', async () => {
    const build = partnerContent();
    const keys = await issueKeys(build, ['msn']);
    const key = keys.msn!;
    const guess = (i: number) => `crk_${parseKey(key)!.prefix}_${String(i).padStart(43, 'A')}`;
    let { service } = await startTestService(build);
    const guessing = async (server: RunningService) => {
      const statuses: number[] = [];
      for (let i = 0; i < GUARD_LIMITS.failures + 2; i += 1) {
        statuses.push((await pullFrom(server.url, `/partners/${guess(i)}/rss.xml`, GUESSER)).status);
      }
      return statuses;
    };
    const expected = [...Array<number>(GUARD_LIMITS.failures).fill(404), 429, 429];
    try {
      assert.deepEqual(await guessing(service), expected);
      const toldToWait = await pullFrom(service.url, `/partners/${key}/rss.xml`, GUESSER);
      assert.equal(
        toldToWait.status,
        429,
        'the guesser is told to wait, even with the right key, never that it is wrong',
      );
      assert.ok(Number(toldToWait.headers['retry-after']) >= 1);
      assert.equal((await pullFrom(service.url, `/partners/${key}/rss.xml`, PARTNER)).status, 200);

      await service.close();
      ({ service } = await startTestService(build));
      assert.deepEqual(await guessing(service), expected, 'after the restart, which forgot every key that verified');
      assert.equal((await pullFrom(service.url, `/partners/${key}/rss.xml`, PARTNER)).status, 200);
      const byHeader = await pullFrom(service.url, '/partners/msn/atom.xml', PARTNER, {
        Authorization: `Bearer ${key}`,
      });
      assert.equal(byHeader.status, 200);
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('gets 503 with Retry-After, not a wrong key, when more keys come than are checked and queued', async () => {
    const build = partnerContent();
    const keys = await issueKeys(build, ['msn']);
    const { service } = await startTestService(build);
    try {
      // 30 clients with two keys each at once, against 2 checks running and 32 waiting.
      const clients = Array.from({ length: 30 }, (_, i) => `127.0.1.${i + 1}`);
      const replies = await Promise.all(
        clients.flatMap((client) =>
          [1, 2].map(() => pullFrom(service.url, `/partners/${newKey().key}/rss.xml`, client)),
        ),
      );
      const statuses = new Set(replies.map((reply) => reply.status));
      assert.deepEqual([...statuses].sort(), [404, 503], 'wrong (404) while there is room, busy (503) beyond it');
      for (const reply of replies.filter((candidate) => candidate.status === 503)) {
        assert.equal(reply.headers['retry-after'], '1');
      }
      assert.equal((await pullFrom(service.url, `/partners/${keys.msn}/rss.xml`, PARTNER)).status, 200);
    } finally {
      await service.close();
      build.remove();
    }
  });
});
