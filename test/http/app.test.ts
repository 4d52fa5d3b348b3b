import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicHealth } from '../../src/http/state.js';
import type { RunningService } from '../../src/service/service.js';
import { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

describe('the Courier server', () => {
  let service: RunningService;
  let build: TempBuild;
  beforeEach(async () => ({ service, build } = await startTestService()));
  afterEach(async () => {
    await service.close();
    build.remove();
  });
  const get = (path: string, method = 'GET') => request(service.url, path, { method });

  it('answers 404 for an unknown path and for the manifest, which is no feed', async () => {
    for (const path of ['/nope', '/feeds/nope.xml', '/feeds/manifest.json', '/feeds/', '/feeds/categories/world/']) {
      const reply = await get(path);
      assert.equal(reply.status, 404, path);
    }
  });

  it('answers 405 with Allow to methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const reply = await get('/feeds/rss.xml', method);
      assert.equal(reply.status, 405, method);
      assert.equal(reply.headers.allow, 'GET, HEAD, OPTIONS');
    }
  });

  it('never lets a path out of the feeds folder', async () => {
    const attempts = [
      '/feeds/../package.json',
      '/feeds/%2e%2e/%2e%2e/package.json',
      '/feeds/%2E%2E%2Fsite.yaml',
      '/feeds/..%252f..%252fpackage.json',
      '/feeds/rss.xml%00',
      '/feeds/%00',
      '/feeds/..\\..\\package.json',
      '/feeds/..%5c..%5cpackage.json',
      '/feeds/categories/../../content/site.yaml',
      '//etc/passwd',
      '/feeds/%',
    ];
    for (const path of attempts) {
      const reply = await get(path);
      assert.ok(reply.status === 404 || reply.status === 400, `${path}: ${reply.status}`);
      assert.doesNotMatch(reply.body.toString(), /"name"|base_url|root:|at .*\.js/, path);
    }
  });

  it('lists every feed on its home page with autodiscovery links', async () => {
    const reply = await get('/');
    const html = reply.body.toString();
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type']!, /^text\/html/);
    assert.match(
      html,
      /<link rel="alternate" type="application\/rss\+xml" title="Test Newsroom \(RSS\)" href="\/feeds\/rss.xml">/,
    );
    assert.match(
      html,
      /<link rel="alternate" type="application\/atom\+xml" title="Test Newsroom: World \(Atom\)" href="\/feeds\/categories\/world\/atom.xml">/,
    );
    assert.match(html, /\/feeds\/authors\/nasrin-karimi\/feed.json/);
  });

  it('reports the last build on /healthz', async () => {
    const reply = await get('/healthz');
    const health = JSON.parse(reply.body.toString()) as PublicHealth;
    assert.equal(reply.status, 200);
    assert.equal(health.status, 'ok');
    assert.equal(health.articles, 5);
  });

  it('serves the new feeds as soon as a rebuild finishes', async () => {
    const before = await get('/feeds/rss.xml');
    const path = join(build.content, 'articles/2026/11/oman-talks.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Oman Hosts Talks', 'Oman Hosts New Talks'));
    await service.rebuild();
    const after = await get('/feeds/rss.xml');
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.match(after.body.toString(), /Oman Hosts New Talks/);
  });
});

describe('a Courier server restarted over content that no longer builds', () => {
  it('serves the last good feeds from disk, with the same ETag', async () => {
    const build = new TempBuild();
    await build.build();
    const first = await startTestService(build);
    const before = await request(first.service.url, '/feeds/atom.xml');
    await first.service.close();
    writeFileSync(join(build.content, 'site.yaml'), 'title: [broken\n');
    const { service } = await startTestService(build);
    try {
      const after = await request(service.url, '/feeds/atom.xml');
      assert.equal(after.status, 200);
      assert.equal(after.headers.etag, before.headers.etag);
      assert.equal(after.headers['last-modified'], before.headers['last-modified']);
      assert.equal((await request(service.url, '/healthz')).status, 503);
    } finally {
      await service.close();
      build.remove();
    }
  });
});
