import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { TempBuild } from '../helpers/build.js';
import { CourierProcess, waitFor } from './courier-process.js';

/** Each thread of a process with its nice value, from /proc (field 19 of stat). */
function niceByThread(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      nice.set(Number(task), Number(fields[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nice;
}

describe('the threads of courier serve', function () {
  if (process.platform !== 'linux') return;
  let build: TempBuild;
  let courier: CourierProcess | undefined;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(async () => {
    await courier?.stop();
    build.remove();
  });

  it('leave the serving thread the only one at its priority once a build has run: the rest run ten steps below', async () => {
    courier = new CourierProcess(['serve', '--content', build.content, '--out', build.out]);
    await courier.url();
    await courier.line(/build finished/, 30_000);
    const pid = courier.child.pid!;
    // The priorities are set right after the build's log entry, in the same turn of its event loop.
    const settled = (nice: Map<number, number>) =>
      [...nice].filter(([thread]) => thread !== pid).every(([, n]) => n === 10);
    const nice =
      (await waitFor(() => (settled(niceByThread(pid)) ? niceByThread(pid) : undefined), 5000)) ?? niceByThread(pid);
    assert.equal(nice.get(pid), 0, 'the serving thread');
    const others = [...nice].filter(([thread]) => thread !== pid);
    assert.ok(others.length >= 5, `V8's helpers, libuv's pool, the build and watch workers: ${others.length}`);
    for (const [thread, value] of others) assert.equal(value, 10, `thread ${thread}`);
  });

  it("number one thread of libuv's pool a core, at least two, unless UV_THREADPOOL_SIZE says otherwise", async () => {
    const threadsOnceBuilt = async (env: Record<string, string>) => {
      const serving = new CourierProcess(['serve', '--content', build.content, '--out', build.out], env);
      try {
        await serving.url();
        await serving.line(/build finished/, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return readdirSync(`/proc/${serving.child.pid!}/task`).length;
      } finally {
        await serving.stop();
      }
    };
    const cores = Math.min(16, Math.max(2, availableParallelism()));
    const sized = await threadsOnceBuilt({});
    const set = await threadsOnceBuilt({ UV_THREADPOOL_SIZE: String(cores + 3) });
    assert.equal(set - sized, 3, `${sized} threads with the pool sized by Courier, ${set} with ${cores + 3} asked for`);
  });
});
