import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../src/config/read-config.js';
import { startService } from '../../src/service/service.js';
import { TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';

async function waitFor(condition: () => Promise<boolean>, tries: number, intervalMs: number): Promise<boolean> {
  for (let i = 0; i < tries; i += 1) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

describe('the scheduled build', () => {
  it('picks up a new article without a restart', async () => {
    const build = new TempBuild();
    const { config } = readConfig(
      { PORT: '0', HOST: '127.0.0.1', COURIER_SCHEDULE: '* * * * * *' },
      { content: build.content, out: build.out },
    );
    // The schedule reads the process's own wall clock (node-cron does), so the service is given it too.
    const service = await startService(config!, () => Date.now(), new RecordingLogger(), { schedule: true });
    try {
      const published = `${new Date(Date.now() - 86_400_000).toISOString().slice(0, 19)}+00:00`;
      const path = join(build.content, 'articles/2026/11/scheduled.md');
      writeFileSync(path, record(`title: Scheduled Rebuild Saw This\npublished: "${published}"`));
      const seen = await waitFor(
        async () =>
          (await request(service.url, '/feeds/rss.xml')).body.toString().includes('Scheduled Rebuild Saw This'),
        50,
        200,
      );
      assert.ok(seen, 'the new article was not served within 50 polls');
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('never runs two builds at once: a second call joins the first', async () => {
    const build = new TempBuild();
    try {
      const [first, second] = [build.build(), build.build()];
      assert.equal(first, second);
      await first;
    } finally {
      build.remove();
    }
  });
});
