import assert from 'node:assert/strict';
import { runSteps, runStepsInSlices, type Steps } from '../../src/lib/steps.js';

function* counted(log: string[], wait?: Promise<void>): Steps<number> {
  log.push('one');
  yield;
  log.push('two');
  yield wait;
  log.push('three');
  return 3;
}

describe('work cut into steps', () => {
  it('runs every step at once, without waiting for what a step yields', () => {
    const log: string[] = [];
    assert.equal(runSteps(counted(log, new Promise<void>(() => undefined))), 3);
    assert.deepEqual(log, ['one', 'two', 'three']);
  });

  it('in slices, waits for what a step yields before the next step', async () => {
    const log: string[] = [];
    let release = (): void => undefined;
    const wait = new Promise<void>((resolve) => (release = resolve));
    const result = runStepsInSlices(counted(log, wait), 1000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(log, ['one', 'two'], 'waiting for the promise yielded');
    release();
    assert.equal(await result, 3);
    assert.deepEqual(log, ['one', 'two', 'three']);
  });

  it('in slices, gives the event loop a turn once a slice has run its time', async () => {
    let turns = 0;
    const timer = setInterval(() => (turns += 1), 0);
    function* busy(): Steps<void> {
      for (let step = 0; step < 4; step++) {
        const until = performance.now() + 5;
        while (performance.now() < until);
        yield;
      }
    }
    await runStepsInSlices(busy(), 4);
    clearInterval(timer);
    assert.ok(turns >= 2, `the event loop ran ${turns} times`);
  });
});
