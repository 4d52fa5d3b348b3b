import assert from 'node:assert/strict';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { readConfig } from '../../src/config/read-config.js';
import { openService, startService } from '../../src/service/service.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { Corpus } from '../helpers/corpus.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';

/** The fields of the service's "build finished" entry. */
function finished(log: RecordingLogger): Record<string, unknown> {
  const entry = log.entries.find((candidate) => candidate.msg.startsWith('build finished'));
  assert.ok(entry, log.text());
  return entry.fields;
}

describe('the service builds off the thread that serves', function () {
  this.timeout(120_000);

  it('in a worker thread, which the build’s entry names; the server answers while it builds', async () => {
    const corpus = new Corpus({ records: 1000, desks: 20, itemsPerFeed: 20, paragraphs: 2 });
    const env = { PORT: '0', HOST: '127.0.0.1' };
    const { config } = readConfig(env, { content: corpus.content, out: join(corpus.root, 'feeds') });
    const log = new RecordingLogger();
    const service = await openService(config!, () => GOLDEN_NOW, log, { schedule: false });
    try {
      const first = { published: false };
      const readied = service.ready.then(() => (first.published = true));
      const logged = (start: string) => log.entries.some((entry) => entry.msg.startsWith(start));
      /** Requests answered between the build's "build started" and "build finished" entries. */
      let duringBuild = 0;
      while (!first.published) {
        await request(service.url, '/healthz');
        if (logged('build started') && !logged('build finished')) duringBuild += 1;
      }
      await readied;
      assert.ok(duringBuild > 0, `no request was answered during the build:\n${log.text()}`);
      const { thread } = finished(log);
      assert.ok(typeof thread === 'number' && thread !== threadId, `built on thread ${String(thread)}`);
      assert.equal((await request(service.url, '/feeds/rss.xml')).status, 200);
    } finally {
      await service.close();
      corpus.remove();
    }
  });

  it('on the serving thread itself with COURIER_BUILD_IN_WORKER=0', async () => {
    const build = new TempBuild();
    const env = { PORT: '0', HOST: '127.0.0.1', COURIER_BUILD_IN_WORKER: '0' };
    const { config } = readConfig(env, { content: build.content, out: build.out });
    const log = new RecordingLogger();
    const service = await startService(config!, () => GOLDEN_NOW, log, { schedule: false });
    try {
      assert.equal(finished(log).thread, threadId);
      assert.equal((await request(service.url, '/feeds/rss.xml')).status, 200);
    } finally {
      await service.close();
      build.remove();
    }
  });
});
