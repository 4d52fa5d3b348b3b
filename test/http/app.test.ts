import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicHealth } from '../../src/http/state.js';
import type { RunningService } from '../../src/service/service-types.js';
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
    for (const path of ['/nope', '/feeds/nope.xml', '/feeds/manifest.json', '/feeds/categories/world/']) {
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

  it('lists every feed on its home page by full address, with autodiscovery links for the site feed only', async () => {
    const reply = await get('/');
    const html = reply.body.toString();
    assert.equal(reply.status, 200);
    assert.match(reply.headers['content-type']!, /^text\/html/);
    const links = [...html.matchAll(/<link rel="alternate" type="([^"]*)" title="([^"]*)" href="([^"]*)">/g)];
    assert.deepEqual(
      links.map(([, type, title, href]) => `${type} ${title} ${href}`),
      [
        'application/rss+xml Test Newsroom (RSS) https://news.test.example/feeds/rss.xml',
        'application/atom+xml Test Newsroom (Atom) https://news.test.example/feeds/atom.xml',
        'application/feed+json Test Newsroom (JSON Feed) https://news.test.example/feeds/feed.json',
      ],
    );
    assert.match(html, /href="https:\/\/news.test.example\/feeds\/categories\/world\/atom.xml"/);
    assert.match(html, /https:\/\/news.test.example\/feeds\/authors\/nasrin-karimi\/feed.json/);
  });

  it('answers the same page at the feeds folder, as static hosting of the folder does', async () => {
    const [root, folder] = await Promise.all([get('/'), get('/feeds/')]);
    assert.equal(folder.status, 200);
    assert.equal(folder.headers.etag, root.headers.etag);
    assert.deepEqual(folder.body, root.body);
  });

  it('answers the page courier build wrote to the feeds folder, byte for byte', async () => {
    const reply = await get('/');
    assert.deepEqual(reply.body, readFileSync(join(build.out, 'index.html')));
    assert.match(reply.headers.etag!, /^"[0-9a-f]{32}"$/);
  });

  it('sends a browser opening an RSS or Atom feed the same bytes as XML, and readers the feed type', async () => {
    for (const [path, type] of [
      ['/feeds/rss.xml', 'application/rss+xml; charset=utf-8'],
      ['/feeds/categories/world/atom.xml', 'application/atom+xml; charset=utf-8'],
    ] as const) {
      const browser = await request(service.url, path, { headers: { 'sec-fetch-dest': 'document' } });
      const reader = await get(path);
      assert.equal(browser.headers['content-type'], 'application/xml; charset=utf-8', path);
      assert.equal(reader.headers['content-type'], type, path);
      for (const reply of [browser, reader]) assert.equal(reply.headers.vary, 'Accept-Encoding, Sec-Fetch-Dest');
      assert.deepEqual(browser.body, reader.body);
      assert.equal(browser.headers.etag, reader.headers.etag);
      assert.match(
        reader.body.toString(),
        /^<\?xml [^\n]*\n<\?xml-stylesheet type="text\/xsl" href="(\.\.\/)*feed\.xsl"\?>\n/,
      );
    }
    const stylesheet = await get('/feeds/feed.xsl');
    assert.equal(stylesheet.headers['content-type'], 'text/xsl; charset=utf-8');
    const json = await request(service.url, '/feeds/feed.json', { headers: { 'sec-fetch-dest': 'document' } });
    assert.equal(json.headers['content-type'], 'application/feed+json; charset=utf-8');
    assert.equal(json.headers.vary, 'Accept-Encoding');
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
