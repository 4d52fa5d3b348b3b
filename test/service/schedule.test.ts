import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../../src/config/config.js';
import { startService } from '../../src/service/service.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';

async function waitFor(condition: () => Promise<boolean>, tries: number, intervalMs: number): Promise<boolean> {
  for (let i = 0; i < tries; i += 1) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

describe('the scheduled build', () => {
  it('picks up a changed article without a restart', async () => {
    const build = new TempBuild();
    const { config } = readConfig(
      { PORT: '0', HOST: '127.0.0.1', COURIER_SCHEDULE: '* * * * * *' },
      { content: build.content, out: build.out },
    );
    const service = await startService(
      config!,
      () => GOLDEN_NOW,
      () => {},
      { schedule: true },
    );
    try {
      const path = join(build.content, 'articles/2026/11/oman-talks.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace('Oman Hosts Talks', 'Scheduled Rebuild Saw This'));
      const seen = await waitFor(
        async () =>
          (await request(service.url, '/feeds/rss.xml')).body.toString().includes('Scheduled Rebuild Saw This'),
        50,
        200,
      );
      assert.ok(seen, 'the change was not served within 50 polls');
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
