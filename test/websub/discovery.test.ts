import assert from 'node:assert/strict';
import { readConfig } from '../../src/config/read-config.js';
import type { RunningService } from '../../src/service/service-types.js';
import { WebSub } from '../../src/websub/websub.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { checkFeed, report } from '../conformance/check.js';
import { request } from '../helpers/http.js';
import { scrape, total } from '../helpers/metrics.js';
import { eventually } from '../partners/helpers.js';
import { startTestService } from '../helpers/service.js';
import { editArticle, TestSubscriber, within } from '../helpers/websub.js';

const OWN_HUB = 'https://news.test.example/hub';

describe('WebSub discovery and the publisher', () => {
  let service: RunningService;
  let build: TempBuild;
  let others: TestSubscriber;
  let otherHub: string;

  before(async () => {
    others = await TestSubscriber.start();
    others.receiving.set('/flaky-hub', 'fail-once');
    otherHub = others.callback('/hub-of-others');
    const hubs = `${otherHub}, ${others.callback('/flaky-hub')}`;
    const env = { COURIER_HUB: '1', COURIER_WEBSUB_HUBS: hubs, COURIER_METRICS_PORT: '0' };
    // The feeds folder as a service with these hubs left it: a start builds the same bytes, and tells no hub.
    build = new TempBuild();
    await build.freshBuilder({ hubs: WebSub.hubsOf(readConfig(env).config!.websub) }).build(GOLDEN_NOW);
    ({ service } = await startTestService(build, GOLDEN_NOW, env));
  });
  after(async () => {
    await service.close();
    await others.close();
    build.remove();
  });

  it('names every hub in RSS, Atom and JSON Feed, and in a Link header on either path', async () => {
    const hubs = [otherHub, others.callback('/flaky-hub'), OWN_HUB];
    const rss = (await request(service.url, '/feeds/rss.xml')).body.toString();
    const atom = (await request(service.url, '/feeds/categories/world/atom.xml')).body.toString();
    const json = JSON.parse((await request(service.url, '/feeds/feed.json')).body.toString()) as { hubs: unknown };
    for (const hub of hubs) {
      assert.ok(rss.includes(`<atom:link href="${hub}" rel="hub"/>`), `${hub} in RSS`);
      assert.ok(atom.includes(`<link rel="hub" href="${hub}"/>`), `${hub} in Atom`);
    }
    assert.deepEqual(
      json.hubs,
      hubs.map((url) => ({ type: 'WebSub', url })),
    );
    const self = 'https://news.test.example/feeds/rss.xml';
    const link = [...hubs.map((hub) => `<${hub}>; rel="hub"`), `<${self}>; rel="self"`].join(', ');
    for (const path of ['/feeds/rss.xml', '/feeds/rss.xml?via=express']) {
      for (const headers of [{}, { 'Accept-Encoding': 'gzip' }] as Array<Record<string, string>>) {
        assert.equal((await request(service.url, path, { headers })).headers.link, link, path);
      }
    }
    const etag = (await request(service.url, '/feeds/rss.xml')).headers.etag!;
    const notModified = await request(service.url, '/feeds/rss.xml', { headers: { 'If-None-Match': etag } });
    assert.equal(notModified.status, 304);
    assert.equal(notModified.headers.link, link);
    assert.equal((await request(service.url, '/feeds/index.opml')).headers.link, undefined);
  });

  it('passes the conformance checks with its hubs: RSS and Atom rules and schema, the JSON Feed schema', async () => {
    for (const [path, format] of [
      ['/feeds/rss.xml', 'rss'],
      ['/feeds/atom.xml', 'atom'],
      ['/feeds/feed.json', 'json'],
    ] as const) {
      const text = (await request(service.url, path)).body.toString();
      assert.equal(report(await checkFeed(text, path, format)), '', path);
    }
  });

  it('tells each hub of every feed a build changed, once, and of none when nothing changed, at a start too', async () => {
    const told = (hub: string) =>
      others.deliveries
        .filter((delivery) => delivery.path === hub)
        .map((delivery) => new URLSearchParams(delivery.body.toString()));
    await service.rebuild();
    assert.equal(others.deliveries.length, 0, 'told of feeds that did not change');
    editArticle(build, 1);
    await service.rebuild();
    // The flaky hub answers its first notification 503: that one is sent again after a backoff, by when the
    // other hub has long had all of its notifications.
    const topicsOf = (hub: string) => told(hub).map((notification) => notification.get('hub.url'));
    const retried = () => topicsOf('/flaky-hub').length === topicsOf('/hub-of-others').length + 1;
    assert.ok(await within(8000, retried), 'no retry');
    assert.ok(told('/hub-of-others').every((form) => form.get('hub.mode') === 'publish'));
    const topics = topicsOf('/hub-of-others');
    assert.ok(topics.includes('https://news.test.example/feeds/rss.xml'));
    assert.ok(topics.includes('https://news.test.example/feeds/categories/world/atom.xml'));
    assert.ok(!topics.includes('https://news.test.example/feeds/authors/jonas-berg/rss.xml'), 'an unchanged feed');
    assert.equal(new Set(topics).size, topics.length, 'a feed told of twice');
    assert.deepEqual(new Set(topicsOf('/flaky-hub')), new Set(topics));
    const counted = async (outcome: string) =>
      total((await scrape(service.operations.url!)).samples, 'courier_websub_notifications_total', { outcome });
    assert.ok(await eventually(async () => (await counted('accepted')) === 2 * topics.length, 3000), 'accepted');
    assert.equal(await counted('retried'), 1);
    assert.equal(await counted('failed'), 0);
  });
});
