import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Builder } from '../../src/publish/builder.js';
import type { ValidatorRecord } from '../../src/publish/output.js';
import type { BuildReport } from '../../src/publish/report.js';
import { WriteError } from '../../src/publish/write-error.js';
import type { WorkerBuilderOptions } from '../../src/service/build-worker-thread.js';
import { WorkerBuilder } from '../../src/service/build-worker.js';
import type { TempBuild } from '../helpers/build.js';
import { GOLDEN_NOW } from '../helpers/build.js';
import { Corpus } from '../helpers/corpus.js';
import { RecordingLogger } from '../helpers/log.js';
import { partnerContent } from '../helpers/partners.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function lastModifiedOf(report: BuildReport, path = 'rss.xml'): number | undefined {
  return report.publication?.files.find((file) => file.path === path)?.lastModified;
}

describe('the build worker: the Builder in a worker thread, as the service uses it', function () {
  this.timeout(60_000);
  let build: TempBuild;
  let log: RecordingLogger;
  const workers: WorkerBuilder[] = [];

  function inWorker(
    out = join(build.root, 'worker-feeds'),
    more: Pick<WorkerBuilderOptions, 'resourceLimits' | 'validators'> = {},
  ): WorkerBuilder {
    const worker = new WorkerBuilder({ contentDir: build.content, outDir: out, options: {}, log, ...more });
    workers.push(worker);
    return worker;
  }

  beforeEach(() => {
    build = partnerContent();
    log = new RecordingLogger();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    build.remove();
  });

  it('reports what the Builder on this thread reports, files and partner files byte for byte, build after build', async () => {
    const worker = inWorker();
    const first = await worker.build(GOLDEN_NOW);
    assert.ok((first.publication?.partners.files.size ?? 0) > 0, 'the fixture has partner feeds');
    assert.deepStrictEqual(first, await build.build());
    assert.ok(worker.threadId !== undefined && worker.threadId !== threadId, `built on thread ${worker.threadId}`);

    // Nothing changed: the serving thread already holds every file's bytes, which do not cross again.
    assert.deepStrictEqual(await worker.build(GOLDEN_NOW + DAY), await build.build(GOLDEN_NOW + DAY));

    appendFileSync(join(build.content, 'articles', '2026', '11', 'oman-talks.md'), '\nA correction.\n');
    const revised = await worker.build(GOLDEN_NOW + 2 * DAY);
    assert.ok(revised.written.length > 0);
    assert.deepStrictEqual(revised, await build.build(GOLDEN_NOW + 2 * DAY));
  });

  it('asks the serving thread’s ValidatorRecord (Redis, with several instances) for each new file’s Last-Modified', async () => {
    /** A record as another instance that published first would answer: an hour after what this one proposes. */
    const asked: string[] = [];
    const validators: ValidatorRecord = {
      agree: (key, _hash, proposed) => {
        asked.push(key);
        return Promise.resolve(proposed + HOUR);
      },
    };
    const report = await inWorker(undefined, { validators }).build(GOLDEN_NOW);
    const inThread = await build.freshBuilder({ validators }).build(GOLDEN_NOW);
    assert.deepStrictEqual(report, inThread);
    assert.ok(asked.includes('rss.xml'), asked.join(' '));
    const alone = await new Builder(build.content, join(build.root, 'alone')).build(GOLDEN_NOW);
    assert.equal(lastModifiedOf(report), (lastModifiedOf(alone) ?? NaN) + HOUR);
  });

  it('reads the last build from the folder as the Builder does, for a new service', async () => {
    await build.build();
    const files = await inWorker(build.out).previousFiles();
    assert.ok(files.size > 0);
    assert.deepStrictEqual(files, await build.freshBuilder().previousFiles());
  });

  it('rejects a build that cannot write with the WriteError the Builder throws: class, folder, code', async () => {
    /** A feeds folder where a file stands in the way of a feed's folder: the commit fails with ENOTDIR. */
    const blocked = (name: string) => {
      const out = join(build.root, name);
      mkdirSync(out);
      writeFileSync(join(out, 'categories'), '');
      return out;
    };
    const [inThread, fromWorker] = await Promise.all([
      new Builder(build.content, blocked('feeds-a')).build(GOLDEN_NOW).catch((error: unknown) => error),
      inWorker(blocked('feeds-b'))
        .build(GOLDEN_NOW)
        .catch((error: unknown) => error),
    ]);
    assert.ok(inThread instanceof WriteError, String(inThread));
    assert.ok(fromWorker instanceof WriteError, String(fromWorker));
    const fields = ({ name, message, outDir, code, during }: WriteError) => ({ name, message, outDir, code, during });
    assert.deepEqual(fields(fromWorker), {
      ...fields(inThread),
      message: inThread.message.replace('feeds-a', 'feeds-b'),
      outDir: join(build.root, 'feeds-b'),
    });
    assert.equal((fromWorker.cause as NodeJS.ErrnoException).code, (inThread.cause as NodeJS.ErrnoException).code);
  });

  it('a worker that runs out of memory fails its build, is logged, and a new one builds the next', async () => {
    // Room for the fixture's dozen records (they need about 14 MB of heap), not for two thousand more (> 32 MB).
    const worker = inWorker(build.out, { resourceLimits: { maxOldGenerationSizeMb: 24 } });
    const first = await worker.build(GOLDEN_NOW);
    assert.ok(first.publication);
    const firstThread = worker.threadId;
    const manifest = readFileSync(join(build.out, 'manifest.json'));

    const more = new Corpus({ records: 2000, desks: 20, itemsPerFeed: 20, paragraphs: 3 });
    const added = join(build.content, 'articles', 'more');
    try {
      cpSync(join(more.content, 'articles'), added, { recursive: true });
    } finally {
      more.remove();
    }
    const failure = await worker.build(GOLDEN_NOW).then(
      () => assert.fail('the build fitted in the heap'),
      (error: unknown) => error,
    );
    assert.match(String(failure), /^Error: the build worker stopped: .*out of memory/);
    assert.match(log.text(), /^the build worker stopped: .*out of memory.*; a new one takes the next build$/m);
    assert.deepEqual(readFileSync(join(build.out, 'manifest.json')), manifest, 'the last build stays published');

    rmSync(added, { recursive: true });
    appendFileSync(join(build.content, 'articles', '2026', '11', 'oman-talks.md'), '\nA correction.\n');
    const next = await worker.build(GOLDEN_NOW + DAY);
    assert.ok(next.publication && next.written.length > 0);
    assert.ok(worker.threadId !== undefined && worker.threadId !== firstThread, 'built by a new worker');
  });
});
