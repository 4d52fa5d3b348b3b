import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FeedStore } from '../../src/http/feed-store.js';
import { PartnerStore } from '../../src/http/partner-store.js';
import { createServer } from '../../src/http/server.js';
import { ServiceState } from '../../src/http/state.js';
import { writePulls } from '../../src/partners/pulls.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';
import { request, type Reply } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { startClockedService, startTestService, testClock } from '../helpers/service.js';

const PUBLIC_FIELDS = ['articles', 'feeds', 'lastBuild', 'lastFailure', 'lastSuccess', 'status'];
const BAD_SLUG = 'Kept Out Slug Qx7';
const BAD_EMAIL = 'nobody at qx7 dot example';
const BAD_RECORD = record(
  `title: A record with bad fields\npublished: 2026-11-20\nslug: ${BAD_SLUG}\n` +
    `authors:\n  - name: Jonas Berg\n    email: ${BAD_EMAIL}`,
);

/** The public health in a reply, checked to hold the public fields and nothing else. */
function publicHealth(reply: Reply): Record<string, unknown> {
  const health = JSON.parse(reply.body.toString()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(health).sort(), PUBLIC_FIELDS);
  assert.equal(reply.headers['cache-control'], 'no-store');
  return health;
}

/** Asserts a reply names none of these: paths, field values, messages. */
function assertSilentAbout(reply: Reply, secrets: readonly string[]): void {
  const body = reply.body.toString();
  for (const secret of secrets) assert.ok(!body.includes(secret), `/healthz tells ${JSON.stringify(secret)}`);
}

describe('/healthz, the public health', () => {
  it('is ok with 200, times and counts when the last build succeeded', async () => {
    const { service, build } = await startTestService();
    try {
      const reply = await request(service.url, '/healthz');
      assert.equal(reply.status, 200);
      const health = publicHealth(reply);
      assert.equal(health.status, 'ok');
      assert.equal(health.lastSuccess, new Date(GOLDEN_NOW).toISOString());
      assert.equal(health.lastBuild, health.lastSuccess);
      assert.equal(health.lastFailure, null);
      assert.equal(health.articles, 5);
      assert.equal(health.feeds, service.state.store.size);
      assert.ok(service.state.store.size > 0);
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('names no path, field value or problem when a record has problems; the details and the log do', async () => {
    const build = new TempBuild();
    writeFileSync(join(build.content, 'articles/2026/11/kept-out.md'), BAD_RECORD);
    const { service, log } = await startTestService(build);
    try {
      const reply = await request(service.url, '/healthz');
      assert.equal(publicHealth(reply).status, 'ok');
      assertSilentAbout(reply, [build.root, build.content, build.out, 'kept-out', BAD_SLUG, BAD_EMAIL, 'expected']);
      const details = service.state.details(GOLDEN_NOW, 900);
      const problems = details.lastSuccess!.problems.join('\n');
      assert.match(problems, /kept-out\.md: slug: .*Kept Out Slug Qx7/);
      assert.match(problems, /kept-out\.md: authors\[0\]\.email: .*nobody at qx7 dot example/);
      const logged = log.entries.find((entry) => entry.fields.file === 'articles/2026/11/kept-out.md');
      assert.equal(logged?.level, 'warn', log.text());
      assert.equal(logged.fields.field, 'slug');
      assert.match(logged.msg, /^articles\/2026\/11\/kept-out\.md: slug: /);
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('is degraded with 503 when a build fails to publish, names no path or error, and is ok again after', async () => {
    const { service, build, log } = await startTestService();
    try {
      const path = join(build.content, 'articles/2026/11/oman-talks.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace('Oman Hosts Talks', 'Oman Hosts New Talks'));
      // rss.xml cannot be replaced by a file now, so publishing the build fails, as on a broken disk.
      rmSync(join(build.out, 'rss.xml'));
      mkdirSync(join(build.out, 'rss.xml/blocker'), { recursive: true });
      await service.rebuild();
      const reply = await request(service.url, '/healthz');
      assert.equal(reply.status, 503);
      const health = publicHealth(reply);
      assert.equal(health.status, 'degraded');
      assert.equal(health.lastFailure, new Date(GOLDEN_NOW).toISOString());
      assert.equal(health.articles, 5, 'the articles of the feeds still served');
      assertSilentAbout(reply, [build.root, 'could not write', 'rss.xml', 'EISDIR', 'ENOTEMPTY', 'Error']);

      const details = service.state.details(GOLDEN_NOW, 900);
      assert.equal(details.status, 'degraded');
      assert.equal(details.lastFailure!.disk!.folder, build.out);
      assert.match(details.lastFailure!.disk!.code!, /^E[A-Z]+$/);
      assert.match(details.reasons.join('\n'), /^the last build failed: could not write the feeds to /);
      const failed = log.entries.find((entry) => entry.level === 'error');
      assert.match(failed?.msg ?? '', /^build failed, still serving the previous feeds: could not write the feeds to /);
      assert.equal((failed?.fields.err as Error).name, 'WriteError');

      rmSync(join(build.out, 'rss.xml'), { recursive: true });
      await service.rebuild();
      const healed = await request(service.url, '/healthz');
      assert.equal(healed.status, 200);
      assert.equal(publicHealth(healed).status, 'ok');
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('is degraded with 503 once the last successful build is older than COURIER_STALE_AFTER', async () => {
    const build = new TempBuild();
    const clock = testClock(GOLDEN_NOW);
    const { service } = await startClockedService(build, clock, { COURIER_STALE_AFTER: '60' });
    try {
      clock.set(GOLDEN_NOW + 60_000);
      assert.equal((await request(service.url, '/healthz')).status, 200, 'not yet stale at 60 s');
      clock.set(GOLDEN_NOW + 61_000);
      const reply = await request(service.url, '/healthz');
      assert.equal(reply.status, 503);
      assert.equal(publicHealth(reply).status, 'degraded');
      const reasons = service.state.details(clock(), 60).reasons;
      assert.deepEqual(reasons, ['the last successful build finished 61 s ago, more than 60 s']);
      await service.rebuild();
      assert.equal((await request(service.url, '/healthz')).status, 200);
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('is failing with 503 when no build has succeeded and no feeds are served', async () => {
    const build = new TempBuild();
    writeFileSync(join(build.content, 'site.yaml'), 'title: only a title\n');
    const { service } = await startTestService(build);
    try {
      const reply = await request(service.url, '/healthz');
      assert.equal(reply.status, 503);
      const health = publicHealth(reply);
      assert.equal(health.status, 'failing');
      assert.equal(health.lastSuccess, null);
      assert.equal(health.feeds, 0);
      assertSilentAbout(reply, ['site.yaml', 'base_url', build.root]);
      const details = service.state.details(GOLDEN_NOW, 900);
      assert.ok(details.lastFailure!.problems.some((problem) => problem.startsWith('site.yaml: base_url: required')));
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('is degraded with 503 when builds fail but the last good feeds are served from disk', async () => {
    const build = new TempBuild();
    await build.build();
    writeFileSync(join(build.content, 'site.yaml'), 'title: [broken\n');
    const { service } = await startTestService(build);
    try {
      const reply = await request(service.url, '/healthz');
      assert.equal(reply.status, 503);
      assert.equal(publicHealth(reply).status, 'degraded');
      assert.ok(service.state.store.size > 0);
    } finally {
      await service.close();
      build.remove();
    }
  });
});

describe('/healthz of a server fed its build reports by hand', () => {
  const policy = { maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 };
  let state: ServiceState;
  let url: string;
  let close: () => Promise<void>;
  beforeEach(async () => {
    const clock = () => GOLDEN_NOW;
    state = new ServiceState(new FeedStore(policy), new PartnerStore(policy, clock));
    const server = createServer({
      state,
      clock,
      log: new RecordingLogger(),
      partnerPullsPerMinute: 1,
      staleAfter: 900,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterEach(() => close());
  const status = async () => {
    const reply = await request(url, '/healthz');
    return [reply.status, publicHealth(reply).status];
  };

  it('is starting with 503 until a first build has finished', async () => {
    assert.deepEqual(await status(), [503, 'starting']);
  });

  it('is degraded with 503 when a publish guard held the last build, and keeps serving the feeds', async () => {
    const build = new TempBuild();
    try {
      const report = await build.build();
      state.accept(report, GOLDEN_NOW, 10);
      assert.deepEqual(await status(), [200, 'ok']);
      const held = 'the build would drop 3 of 5 public articles (60%), more than 10%';
      state.accept({ ...report, held, publication: undefined }, GOLDEN_NOW + 1000, 10);
      assert.deepEqual(await status(), [503, 'degraded']);
      assert.equal((await request(url, '/feeds/rss.xml')).status, 200);
      const details = state.details(GOLDEN_NOW + 1000, 900);
      assert.equal(details.lastHeld!.reason, held);
      assert.deepEqual(details.reasons, [`a publish guard held the last build: ${held}`]);
      state.accept(report, GOLDEN_NOW + 2000, 10);
      assert.deepEqual(await status(), [200, 'ok']);
    } finally {
      build.remove();
    }
  });

  it('is failing with 503 when the first build was held and nothing is served', async () => {
    const build = new TempBuild();
    try {
      const report = await build.build();
      state.accept({ ...report, held: 'the articles folder is empty', publication: undefined }, GOLDEN_NOW, 10);
      assert.deepEqual(await status(), [503, 'failing']);
    } finally {
      build.remove();
    }
  });

  it('is degraded with 503 when a write after the build failed, and names the disk only in the details', async () => {
    const build = new TempBuild();
    try {
      state.accept(await build.build(), GOLDEN_NOW, 10);
      // A state folder where a file is: writing the partner pulls there fails as a full or broken disk would.
      const notAFolder = join(build.root, 'not-a-folder');
      writeFileSync(notAFolder, '');
      const error = await writePulls(join(notAFolder, 'state'), {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      state.fail(error, GOLDEN_NOW);
      assert.deepEqual(await status(), [503, 'degraded']);
      assert.ok(!(await request(url, '/healthz')).body.toString().includes(build.root));
      assert.deepEqual(state.details(GOLDEN_NOW, 900).lastFailure!.disk, { folder: null, code: 'ENOTDIR' });
    } finally {
      build.remove();
    }
  });
});
