import assert from 'node:assert/strict';
import { ReleaseTimer } from '../../src/service/release.js';

const HOUR = 3_600_000;

/** A wall clock the test steps: the real time plus an offset it sets. */
function steppedClock(): { wall: () => number; step: (ms: number) => void } {
  let offset = 0;
  return { wall: () => Date.now() + offset, step: (ms) => void (offset += ms) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embargo release timer, against a wall clock that may be stepped', () => {
  let timer: ReleaseTimer | undefined;
  afterEach(() => timer?.stop());

  it('releases once, at the planned moment and not before it', async () => {
    const clock = steppedClock();
    const released: Array<{ at: number; wall: number }> = [];
    timer = new ReleaseTimer({ wall: clock.wall, release: (at) => released.push({ at, wall: clock.wall() }) });
    const at = clock.wall() + 300;
    timer.plan(at);
    await pause(100);
    assert.equal(released.length, 0, 'released before its moment');
    await pause(1_000);
    assert.equal(released.length, 1);
    assert.equal(released[0]!.at, at);
    assert.ok(released[0]!.wall >= at, 'released before its moment');
  });

  it('stepped forward past the moment, releases at its next look', async () => {
    const clock = steppedClock();
    const released: number[] = [];
    timer = new ReleaseTimer({ wall: clock.wall, release: (at) => released.push(at), maxSleepMs: 100 });
    const at = clock.wall() + HOUR;
    timer.plan(at);
    await pause(150);
    assert.deepEqual(released, []);
    clock.step(HOUR);
    await pause(1_000);
    assert.deepEqual(released, [at]);
  });

  it('stepped back, waits for the wall clock to reach the moment again', async () => {
    const clock = steppedClock();
    const released: number[] = [];
    timer = new ReleaseTimer({ wall: clock.wall, release: (at) => released.push(at), maxSleepMs: 100 });
    const at = clock.wall() + 200;
    timer.plan(at);
    clock.step(-HOUR);
    await pause(600);
    assert.deepEqual(released, [], 'a build now would not release the article');
    clock.step(HOUR);
    await pause(1_000);
    assert.deepEqual(released, [at]);
  });

  it('keeps only the last plan, and none when told of none', async () => {
    const clock = steppedClock();
    const released: number[] = [];
    timer = new ReleaseTimer({ wall: clock.wall, release: (at) => released.push(at) });
    const first = clock.wall() + 100;
    const second = clock.wall() + 200;
    timer.plan(first);
    timer.plan(second);
    await pause(700);
    assert.deepEqual(released, [second]);
    timer.plan(clock.wall() + 100);
    timer.plan(undefined);
    await pause(500);
    assert.deepEqual(released, [second]);
  });
});
