import assert from 'node:assert/strict';
import { WritesInFlight } from '../../src/lib/in-flight.js';

/** A write its test finishes when it likes. */
function pendingWrite(): { promise: Promise<void>; done: () => void; fail: (error: Error) => void } {
  let done!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  return { promise, done, fail };
}

/** Whether a promise has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let over = false;
  promise.then(
    () => (over = true),
    () => (over = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return over;
}

describe('WritesInFlight', () => {
  it('gives room at once while the writes not finished hold no more than the limit', async () => {
    const writes = new WritesInFlight(100);
    writes.add(pendingWrite().promise, 60);
    writes.add(pendingWrite().promise, 40);
    assert.equal(await settled(writes.room()), true);
  });

  it('waits for room until enough writes have finished', async () => {
    const writes = new WritesInFlight(100);
    const first = pendingWrite();
    const second = pendingWrite();
    writes.add(first.promise, 80);
    writes.add(second.promise, 80);
    const room = writes.room();
    assert.equal(await settled(room), false);
    second.done();
    assert.equal(await settled(room), true);
    first.done();
    await writes.finish();
  });

  it('raises a failure only once every write has finished', async () => {
    const writes = new WritesInFlight(10);
    const failing = pendingWrite();
    const slow = pendingWrite();
    writes.add(failing.promise, 50);
    writes.add(slow.promise, 50);
    const room = writes.room();
    failing.fail(new Error('disk full'));
    assert.equal(await settled(room), false, 'the other write is still going on');
    slow.done();
    await assert.rejects(room, /disk full/);
    await assert.rejects(writes.finish(), /disk full/);
  });

  it('finishes once every write has, in any order', async () => {
    const writes = new WritesInFlight(1000);
    const all = [pendingWrite(), pendingWrite(), pendingWrite()];
    for (const write of all) writes.add(write.promise, 1);
    const finished = writes.finish();
    all[2]?.done();
    all[0]?.done();
    assert.equal(await settled(finished), false);
    all[1]?.done();
    await finished;
  });
});
