import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';
import { request } from '../helpers/http.js';
import { CourierProcess, FakeClock, waitFor } from './courier-process.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
/** Every two seconds: a six-field, seconds schedule. */
const SCHEDULE = '*/2 * * * * *';

/** `lastBuild.finishedAt` from /healthz: when the last successful build finished, by the process's wall clock. */
async function lastBuildAt(url: string): Promise<string | undefined> {
  const reply = await request(url, '/healthz');
  if (reply.status !== 200) return undefined;
  return (JSON.parse(reply.body.toString()) as { lastSuccess: string | null }).lastSuccess ?? undefined;
}

/** Writes an article published a day before the real time, so no clock step in these tests embargoes it. */
function addArticle(build: TempBuild, slug: string, title: string): void {
  const published = `${new Date(Date.now() - DAY * 1000).toISOString().slice(0, 19)}+00:00`;
  const path = join(build.content, 'articles/2026/11', `${slug}.md`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, record(`title: ${title}\npublished: "${published}"\nauthors: [Staff Report]`));
}

describe('the schedule, through steps of the wall clock (a real `courier serve` under libfaketime)', function () {
  this.timeout(120_000);
  let build: TempBuild;
  let clock: FakeClock;
  let courier: CourierProcess;

  beforeEach(() => {
    build = new TempBuild();
    clock = new FakeClock(join(build.root, 'faketime.rc'));
    const args = ['serve', '--content', build.content, '--out', build.out];
    courier = new CourierProcess(args, { COURIER_SCHEDULE: SCHEDULE, ...clock.env });
  });

  afterEach(async () => {
    await courier.stop();
    build.remove();
  });

  it('goes on building when the clock is stepped back two hours: a new article is served within seconds', async () => {
    const url = await courier.url();
    assert.ok(await waitFor(() => lastBuildAt(url), 30_000), `no first build:\n${courier.stdout}${courier.stderr}`);
    clock.set(-2 * HOUR);
    // Long enough for a build in flight to finish, and for node-cron's runner to have re-armed for the old slot.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    addArticle(build, 'after-the-step-back', 'Built After The Clock Went Back');
    const served = await waitFor(async () => {
      const feed = (await request(url, '/feeds/rss.xml')).body.toString();
      return feed.includes('Built After The Clock Went Back') || undefined;
    }, 30_000);
    assert.ok(served, `the article was not served within 30 s of the step:\n${courier.stdout}${courier.stderr}`);
    courier.signal('SIGTERM');
    assert.deepEqual(await courier.exited(30_000), { code: 0, signal: null }, courier.stderr);
  });

  it('stepped forward a day, it builds at once and goes on at the pace of the schedule, not in a loop', async () => {
    const url = await courier.url();
    assert.ok(await waitFor(() => lastBuildAt(url), 30_000), `no first build:\n${courier.stdout}${courier.stderr}`);
    clock.set(DAY);
    const builds = new Set<string>();
    const watchMs = 8_000;
    const until = performance.now() + watchMs;
    while (performance.now() < until) {
      const at = await lastBuildAt(url);
      if (at !== undefined) builds.add(at);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const afterStep = [...builds].filter((at) => Date.parse(at) > Date.now() + DAY * 1000 - 60_000);
    assert.ok(afterStep.length >= 1, `no build after the step: ${[...builds].join(', ')}`);
    // The one seen first, the one at the step, and one every two seconds (one more at either edge of the
    // window): a loop would make one every half second at least.
    assert.ok(builds.size <= watchMs / 2000 + 4, `${builds.size} builds in ${watchMs} ms: ${[...builds].join(', ')}`);
  });
});
