import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from '../../src/service/service-types.js';
import { GOLDEN_NOW, type TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { scrape, total, type Sample } from '../helpers/metrics.js';
import { partnerContent } from '../helpers/partners.js';
import { startTestService } from '../helpers/service.js';
import { requireTool, run } from '../conformance/tools.js';
import { issueKeys } from '../partners/helpers.js';

const REQUESTS = 'courier_feed_requests_total';
const BYTES = 'courier_feed_response_bytes_total';

/** `promtool check metrics` (Prometheus's own linter) on a scrape: its complaints, '' when it has none. */
function promtool(text: string): string {
  requireTool('promtool');
  const result = run('promtool', ['check', 'metrics'], text);
  return result.status === 0 ? '' : `exit ${result.status}: ${result.stdout}${result.stderr}`;
}

describe('the metrics', () => {
  describe('when no metrics port is set', () => {
    let service: RunningService;
    let build: TempBuild;
    before(async () => ({ service, build } = await startTestService()));
    after(async () => {
      await service.close();
      build.remove();
    });

    it('are served nowhere, and never on the public port', async () => {
      assert.equal(service.operations.url, undefined);
      assert.equal((await request(service.url, '/metrics')).status, 404);
    });
  });

  describe('on the metrics port', () => {
    let service: RunningService;
    let build: TempBuild;
    let keys: Record<string, string>;
    let operator: string;
    before(async () => {
      build = partnerContent();
      keys = await issueKeys(build, ['full']);
      const env = { COURIER_METRICS_PORT: '0', COURIER_PARTNER_RATE_LIMIT: '2' };
      ({ service } = await startTestService(build, undefined, env));
      operator = service.operations.url ?? '';
    });
    after(async () => {
      await service.close();
      build.remove();
    });

    it('listen on the loopback by default, on a port of their own, and not on the public port', async () => {
      assert.match(operator, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.notEqual(new URL(operator).port, new URL(service.url).port);
      assert.equal((await request(service.url, '/metrics')).status, 404);
      assert.equal((await request(operator, '/metrics', { method: 'POST' })).status, 405);
    });

    it('pass promtool check metrics', async () => {
      await request(service.url, '/feeds/rss.xml');
      const { text } = await scrape(operator);
      assert.equal(promtool(text), '');
    });

    it('count feed responses on both paths, by kind, status and encoding, with the bytes sent', async () => {
      const before = (await scrape(operator)).samples;
      const rss = await request(service.url, '/feeds/rss.xml');
      await request(service.url, '/feeds/rss.xml', { headers: { 'If-None-Match': String(rss.headers.etag) } });
      const viaExpress = await request(service.url, '/feeds/rss.xml?via=express', {
        headers: { 'Accept-Encoding': 'gzip' },
      });
      const browser = { 'Accept-Encoding': 'gzip, deflate, br' };
      await request(service.url, '/feeds/categories/world/atom.xml', { headers: browser });
      await request(service.url, '/feeds/authors/jonas-berg/feed.json');
      await request(service.url, '/feeds/index.opml', { method: 'HEAD' });
      const after = (await scrape(operator)).samples;
      const moved = (name: string, labels: Record<string, string>) =>
        total(after, name, labels) - total(before, name, labels);
      assert.equal(moved(REQUESTS, { kind: 'site', status: '200', encoding: 'identity' }), 1, 'the fast path');
      assert.equal(moved(REQUESTS, { kind: 'site', status: '304' }), 1);
      assert.equal(moved(REQUESTS, { kind: 'site', status: '200', encoding: 'gzip' }), 1, 'the Express path');
      assert.equal(moved(REQUESTS, { kind: 'category', status: '200', encoding: 'gzip' }), 1);
      assert.equal(moved(REQUESTS, { kind: 'author', status: '200' }), 1);
      assert.equal(moved(REQUESTS, { kind: 'opml', status: '200' }), 1);
      assert.equal(moved(BYTES, { kind: 'site', encoding: 'identity' }), rss.body.length);
      assert.equal(moved(BYTES, { kind: 'site', encoding: 'gzip' }), viaExpress.body.length);
      assert.equal(moved(BYTES, { kind: 'opml' }), 0, 'a HEAD sends no body');
      assert.equal(promtool((await scrape(operator)).text), '');
    });

    it('count partner pulls by status, and throttles by reason', async () => {
      const before = (await scrape(operator)).samples;
      const pulls = [];
      for (let pull = 0; pull < 3; pull += 1)
        pulls.push((await request(service.url, `/partners/${keys.full}/rss.xml`)).status);
      await request(service.url, '/partners/full/rss.xml');
      assert.deepEqual(pulls, [200, 200, 429]);
      const after = (await scrape(operator)).samples;
      const moved = (name: string, labels: Record<string, string>) =>
        total(after, name, labels) - total(before, name, labels);
      assert.equal(moved('courier_partner_requests_total', { status: '200' }), 2);
      assert.equal(moved('courier_partner_requests_total', { status: '429' }), 1);
      assert.equal(moved('courier_partner_requests_total', { status: '401' }), 1);
      assert.equal(moved('courier_partner_throttled_total', { reason: 'pull_rate' }), 1);
      assert.equal(moved(REQUESTS, { kind: 'partner', status: '200' }), 2, 'partner feeds are feed responses too');
    });

    it('count builds by outcome with their duration, and the articles and problems of the last', async () => {
      const published = (samples: Sample[]) => total(samples, 'courier_builds_total', { outcome: 'published' });
      const first = (await scrape(operator)).samples;
      assert.ok(published(first) >= 1);
      const served = service.state.health(GOLDEN_NOW, 900).articles;
      assert.ok(served !== null && served > 0);
      assert.equal(total(first, 'courier_build_public_articles'), served);
      assert.ok(total(first, 'courier_build_records') >= 5);
      assert.ok(total(first, 'courier_build_problems', { severity: 'error' }) >= 0);
      assert.ok(total(first, 'courier_last_published_build_timestamp_seconds') > 0);
      const articles = join(build.content, 'articles');
      renameSync(articles, `${articles}-away`);
      try {
        await service.rebuild();
      } finally {
        renameSync(`${articles}-away`, articles);
      }
      const held = (await scrape(operator)).samples;
      assert.equal(total(held, 'courier_builds_total', { outcome: 'held' }), 1, 'the guard held it');
      assert.equal(total(held, 'courier_build_duration_seconds_count'), published(held) + 1);
      assert.equal(total(held, 'courier_build_duration_seconds_count', { outcome: 'held' }), 1);
    });

    it('include the process metrics', async () => {
      const { samples } = await scrape(operator);
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
      ]) {
        assert.ok(
          samples.some((sample) => sample.name === name),
          name,
        );
      }
    });
  });
});
