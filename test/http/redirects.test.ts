import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/http/app.js';
import { EncodingChooser } from '../../src/http/encoding.js';
import { FeedResponder } from '../../src/http/serve-feed.js';
import type { RunningService } from '../../src/service/service-types.js';
import { TempBuild } from '../helpers/build.js';
import { request, type Reply } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { startTestService } from '../helpers/service.js';

const FEEDS_URL = 'https://news.test.example/feeds/';

/** The service over the golden content, with `siteYaml` added to its site settings, once its first build is in. */
async function serviceWith(siteYaml = ''): Promise<{ service: RunningService; build: TempBuild; express: Server }> {
  const build = new TempBuild();
  if (siteYaml !== '') appendFileSync(join(build.content, 'site.yaml'), siteYaml);
  const { service } = await startTestService(build);
  await service.ready;
  // The Express app alone, over the same served state: the path a request takes when the fast path passes it on.
  const clock = () => Date.parse('2026-11-26T12:00:00Z');
  const feeds = new FeedResponder(new EncodingChooser(), clock);
  const log = new RecordingLogger();
  const app = createApp({ state: service.state, clock, log, partnerPullsPerMinute: 60, staleAfter: 900, feeds });
  const express = await new Promise<Server>((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  return { service, build, express };
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function assertMoved(reply: Reply, location: string, what: string): void {
  assert.equal(reply.status, 301, what);
  assert.equal(reply.headers.location, location, what);
  assert.equal(reply.headers['cache-control'], 'public, max-age=86400', what);
}

describe('old feed addresses', function () {
  this.timeout(60_000);

  describe('by default (site.yaml says nothing of redirects)', () => {
    let running: Awaited<ReturnType<typeof serviceWith>>;
    before(async () => {
      running = await serviceWith();
    });
    after(async () => {
      await new Promise((resolve) => running.express.close(resolve));
      await running.service.close();
      running.build.remove();
    });

    it("answer 301 with the site feed's permanent URL, on the server and on Express alone", async () => {
      const cases: Array<[string, string]> = [
        ['/feed/', 'rss.xml'],
        ['/feed', 'rss.xml'],
        ['/rss', 'rss.xml'],
        ['/index.xml', 'rss.xml'],
        ['/feed/atom/', 'atom.xml'],
        ['/atom.xml', 'atom.xml'],
        ['/feed.json', 'feed.json'],
        ['/feed/?utm_source=old', 'rss.xml'],
      ];
      for (const base of [running.service.url, urlOf(running.express)]) {
        for (const [path, feed] of cases) {
          assertMoved(await request(base, path), `${FEEDS_URL}${feed}`, `GET ${path} on ${base}`);
          const head = await request(base, path, { method: 'HEAD' });
          assertMoved(head, `${FEEDS_URL}${feed}`, `HEAD ${path} on ${base}`);
          assert.equal(head.body.length, 0);
        }
      }
    });

    it('lead to a feed the server answers', async () => {
      const moved = await request(running.service.url, '/feed/');
      const target = new URL(String(moved.headers.location));
      const feed = await request(running.service.url, target.pathname);
      assert.equal(feed.status, 200);
      assert.match(feed.body.toString(), /^<\?xml/);
    });

    it("leave every other path, the feeds' own and other methods alone", async () => {
      for (const base of [running.service.url, urlOf(running.express)]) {
        assert.equal((await request(base, '/feeds/rss.xml')).status, 200);
        assert.equal((await request(base, '/feed/extra')).status, 404);
        assert.equal((await request(base, '/feed/', { method: 'POST' })).status, 405);
      }
    });
  });

  describe('as site.yaml sets them', () => {
    let running: Awaited<ReturnType<typeof serviceWith>>;
    before(async () => {
      running = await serviceWith(
        'redirects:\n  /blog/feed/: categories/world/atom.xml\n  /rss.php: https://news.test.example/feeds/rss.xml\n',
      );
    });
    after(async () => {
      await new Promise((resolve) => running.express.close(resolve));
      await running.service.close();
      running.build.remove();
    });

    it('answer exactly the ones listed, on both paths', async () => {
      for (const base of [running.service.url, urlOf(running.express)]) {
        assertMoved(await request(base, '/blog/feed'), `${FEEDS_URL}categories/world/atom.xml`, base);
        assertMoved(await request(base, '/rss.php'), `${FEEDS_URL}rss.xml`, base);
        assert.equal((await request(base, '/feed/')).status, 404, 'the defaults are replaced');
      }
    });
  });

  it('are none with redirects: false', async () => {
    const running = await serviceWith('redirects: false\n');
    try {
      for (const base of [running.service.url, urlOf(running.express)]) {
        assert.equal((await request(base, '/feed/')).status, 404);
      }
    } finally {
      await new Promise((resolve) => running.express.close(resolve));
      await running.service.close();
      running.build.remove();
    }
  });

  it('follow a change of site.yaml at the next build', async () => {
    const running = await serviceWith();
    try {
      const site = join(running.build.content, 'site.yaml');
      writeFileSync(site, `${readFileSync(site, 'utf8')}redirects:\n  /old.xml: atom.xml\n`);
      await running.service.rebuild();
      assertMoved(await request(running.service.url, '/old.xml'), `${FEEDS_URL}atom.xml`, 'after the rebuild');
      assert.equal((await request(running.service.url, '/feed/')).status, 404);
    } finally {
      await new Promise((resolve) => running.express.close(resolve));
      await running.service.close();
      running.build.remove();
    }
  });
});
