import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readConfig } from '../../src/config/read-config.js';
import { openService } from '../../src/service/service.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';

describe('the service at start', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('listens before it has read the last build, and answers 503 with Retry-After until it has', async () => {
    await build.build();
    // One variant of the last build becomes a named pipe: reading it waits until the test writes to it, so the
    // service is held in the middle of loading the last build for as long as the test needs, as on a slow disk.
    const pipe = join(build.out, 'atom.xml.gz');
    rmSync(pipe);
    execFileSync('mkfifo', [pipe]);
    const { config } = readConfig({ PORT: '0', HOST: '127.0.0.1' }, { content: build.content, out: build.out });
    const log = new RecordingLogger();
    const service = await openService(config!, () => GOLDEN_NOW, log, { schedule: false });
    let released = false;
    const release = async () => {
      if (!released) await writeFile(pipe, 'not the bytes the manifest lists');
      released = true;
    };
    try {
      const health = await request(service.url, '/healthz');
      assert.equal(health.status, 503);
      assert.equal((JSON.parse(health.body.toString()) as { status: string }).status, 'starting');
      for (const path of ['/feeds/rss.xml', '/feeds/no-such-feed.xml', '/partners/wire/feeds/rss.xml']) {
        const reply = await request(service.url, path);
        assert.equal(reply.status, 503, path);
        assert.equal(reply.headers['retry-after'], '5', path);
        assert.equal(reply.headers['cache-control'], 'no-store', path);
      }
      await release();
      await service.ready;
      assert.equal((await request(service.url, '/healthz')).status, 200);
      assert.equal((await request(service.url, '/feeds/rss.xml')).status, 200);
      assert.equal((await request(service.url, '/feeds/no-such-feed.xml')).status, 404);
      assert.match(log.text(), /variants did not match the manifest; they are written again/);
    } finally {
      await release();
      await service.close();
    }
  });
});
