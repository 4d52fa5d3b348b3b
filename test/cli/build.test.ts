import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { courier } from './courier.js';

const PROGRESS =
  /^courier: (reading records|rendering feeds|compressing files|partner feeds|writing files) \d+\/\d+ \(\d+\.\d s\)$/;

/** A monotonic clock that moves on `stepMs` every time it is read: a build as slow as a test needs. */
function slowClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

describe('courier build', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('ends with a summary that says how long it took', async () => {
    const run = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^courier: 5 public articles, \d+ files, \d+ written, 0 removed, 0 problems in \d+\.\d\d s\n$/,
    );
  });

  it('shows its progress on a terminal, a line a second, and its summary the time the clock says', async () => {
    const args = ['build', '--content', build.content, '--out', build.out];
    // Every reading of the clock is 300 ms later: a build of eight records seems to take many seconds.
    const run = await courier(args, {}, undefined, { terminal: { stderr: true }, elapsed: slowClock(300) });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stderr.trimEnd().split('\n');
    assert.ok(lines.length >= 3, run.stderr);
    for (const line of lines) assert.match(line, PROGRESS);
    assert.match(run.stderr, /^courier: reading records \d+\/8 /m);
    assert.match(run.stderr, /^courier: rendering feeds \d+\/\d+ /m);
    const seconds = lines.map((line) => Number(/\((\d+\.\d) s\)$/.exec(line)?.[1]));
    assert.ok(
      seconds.every((s, i) => i === 0 || s - seconds[i - 1]! >= 0.9),
      `a line a second: ${seconds.join(', ')}`,
    );
    const took = Number(/ in (\d+\.\d\d) s\n$/.exec(run.stdout)?.[1]);
    assert.ok(took >= seconds.at(-1)!, `${run.stdout} after ${seconds.at(-1)} s of progress`);
  });

  it('shows no progress where stderr is no terminal: a log or a pipe gets the summary alone', async () => {
    const args = ['build', '--content', build.content, '--out', build.out];
    const run = await courier(args, {}, undefined, { terminal: { stdout: true }, elapsed: slowClock(300) });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, / 0 problems in \d+\.\d\d s\n$/);
  });

  it('says how long a held build took, and that nothing was published', async () => {
    await courier(['build', '--content', build.content, '--out', build.out]);
    rmSync(join(build.content, 'articles'), { recursive: true });
    const run = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^courier: held, nothing published: .*; in \d+\.\d\d s\n$/);
  });
});
