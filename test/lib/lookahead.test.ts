import assert from 'node:assert/strict';
import { Lookahead } from '../../src/lib/lookahead.js';

describe('Lookahead', () => {
  it('hands out every batch in order, its work done, with the work of the next ones started', async () => {
    const started: number[][] = [];
    const done = new Set<number>();
    const ahead = new Lookahead([1, 2, 3, 4, 5, 6, 7], 2, 3, async (batch) => {
      started.push([...batch]);
      await new Promise((resolve) => setImmediate(resolve));
      for (const item of batch) done.add(item);
    });
    const handed: number[][] = [];
    for (let batch = await ahead.next(); batch !== undefined; batch = await ahead.next()) {
      assert.ok(
        batch.every((item) => done.has(item)),
        'its work is done',
      );
      if (handed.length === 0)
        assert.deepEqual(
          started,
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          'three batches started at once',
        );
      handed.push([...batch]);
    }
    assert.deepEqual(handed, [[1, 2], [3, 4], [5, 6], [7]]);
    assert.deepEqual(started, handed);
  });

  it("throws a batch's failed work when that batch is handed out, and settles what was started", async () => {
    let settled = 0;
    const ahead = new Lookahead(['a', 'b', 'c'], 1, 2, async (batch) => {
      await new Promise((resolve) => setImmediate(resolve));
      settled += 1;
      if (batch[0] === 'b') throw new Error('b failed');
    });
    assert.deepEqual(await ahead.next(), ['a']);
    await assert.rejects(ahead.next(), /b failed/);
    await ahead.settle();
    assert.equal(settled, 3);
  });

  it('hands out nothing for an empty list', async () => {
    const ahead = new Lookahead([], 4, 2, () => Promise.reject(new Error('never started')));
    assert.equal(await ahead.next(), undefined);
  });
});
