import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild, GOLDEN_NOW } from '../helpers/build.js';
import { scrape, total } from '../helpers/metrics.js';
import { startClockedService, testClock } from '../helpers/service.js';
import { freePort } from './processes.js';

const HOUR = 3_600_000;

/** A stand-in cache on 127.0.0.1 that records the requests it gets and answers each with `status`. */
async function cache(status: number): Promise<{ server: Server; url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('purging the caches in front', () => {
  it('sends PURGE for each feed whose bytes a build changed, and nothing for a build that changed none', async () => {
    const build = new TempBuild();
    const varnish = await cache(200);
    const clock = testClock();
    const env = { COURIER_PURGE_URLS: varnish.url, COURIER_FORCE_PUBLISH: '1' };
    const { service } = await startClockedService(build, clock, env);
    try {
      assert.equal(varnish.seen.length, 0, 'a new instance purges nothing');
      await service.rebuild();
      await service.scale.purged;
      assert.equal(varnish.seen.length, 0, 'nothing changed');
      rmSync(join(build.content, 'articles/2026/11/oman-talks.md'));
      clock.set(GOLDEN_NOW + HOUR);
      await service.rebuild();
      await service.scale.purged;
      const purged = varnish.seen.map((req) => `${req.method} ${req.url}`);
      assert.ok(purged.includes('PURGE /feeds/rss.xml'), purged.join('\n'));
      assert.ok(purged.includes('PURGE /feeds/atom.xml') && purged.includes('PURGE /feeds/feed.json'));
      assert.ok(!purged.some((line) => line.includes('/categories/culture/')), 'only what changed');
    } finally {
      await service.close();
      varnish.server.close();
      build.remove();
    }
  });

  it('logs and counts a purge that fails, and publishes all the same', async () => {
    const build = new TempBuild();
    const down = await freePort();
    const refusing = await cache(405);
    const clock = testClock();
    const env = {
      COURIER_PURGE_URLS: `http://127.0.0.1:${down},${refusing.url}`,
      COURIER_FORCE_PUBLISH: '1',
      COURIER_METRICS_PORT: '0',
    };
    const { service, log } = await startClockedService(build, clock, env);
    try {
      rmSync(join(build.content, 'articles/2026/11/oman-talks.md'));
      clock.set(GOLDEN_NOW + HOUR);
      await service.rebuild();
      await service.scale.purged;
      assert.equal(service.state.health(clock(), 900).status, 'ok', 'the build published');
      const { samples } = await scrape(service.operations.url ?? '');
      const failed = total(samples, 'courier_cache_purges_total', { outcome: 'failed' });
      assert.ok(
        failed >= 2 && failed === refusing.seen.length * 2,
        `failed ${failed}, refused ${refusing.seen.length}`,
      );
      await log.waitFor((entry) => /cache purge of \/feeds\/rss\.xml at .* failed: /.test(entry.msg), 'a refused');
      await log.waitFor((entry) => /cache purge of \/feeds\/rss\.xml at .* answered 405/.test(entry.msg), 'a 405');
    } finally {
      await service.close();
      refusing.server.close();
      build.remove();
    }
  });
});
