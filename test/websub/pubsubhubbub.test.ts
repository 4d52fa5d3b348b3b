import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pubsubhubbub from 'pubsubhubbub';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { GOLDEN_NOW, TempBuild as Build } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';
import { editArticle, HUB_ENV, within } from '../helpers/websub.js';

const TOPIC = 'https://news.test.example/feeds/atom.xml';

/** A feed as the pubsubhubbub package hands it over: it emits `feed` only when the signature matches. */
interface Pushed {
  readonly topic: string;
  readonly feed: Buffer;
  readonly headers: Record<string, string>;
}

describe('the built-in WebSub hub, with a subscriber we did not write (npm pubsubhubbub)', () => {
  let service: RunningService;
  let build: TempBuild;
  const subscriber = pubsubhubbub.createServer({ secret: 'their own secret', leaseSeconds: 3600 });
  const events: Array<{ event: string; data: unknown }> = [];

  before(async () => {
    ({ service, build } = await startTestService(new Build(), GOLDEN_NOW, HUB_ENV));
    await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
    subscriber.callbackUrl = `http://127.0.0.1:${(subscriber.server.address() as AddressInfo).port}/`;
    for (const event of ['subscribe', 'unsubscribe', 'feed', 'denied', 'error'])
      subscriber.on(event, (data: unknown) => events.push({ event, data }));
  });
  after(async () => {
    await service.close();
    subscriber.server.closeAllConnections();
    await new Promise((resolve) => subscriber.server.close(resolve));
    build.remove();
  });

  const hubUrl = () => new URL('/hub', service.url).href;

  it('subscribes it: the hub takes its request and it confirms the intent', async () => {
    const accepted = await new Promise<Error | null>((resolve) => subscriber.subscribe(TOPIC, hubUrl(), resolve));
    assert.equal(accepted, null);
    assert.ok(await within(5000, () => events.some((e) => e.event === 'subscribe')), 'no verification');
    const { data } = events.find((e) => e.event === 'subscribe')!;
    assert.equal((data as { topic: string }).topic, TOPIC);
    // pubsubhubbub 1.0.2 sends the hub HMAC-SHA1(secret, topic) as hub.secret but checks signatures with the
    // secret itself, so no hub's signature could pass; it is told the secret it gave the hub, as a fix would.
    subscriber.secret = createHmac('sha1', 'their own secret').update(TOPIC).digest('hex');
  });

  it('pushes it the changed feed, which it takes as signed with its secret', async () => {
    editArticle(build, 1);
    await service.rebuild();
    assert.ok(await within(5000, () => events.some((e) => e.event === 'feed')), 'no feed (or a bad signature)');
    const pushed = events.find((e) => e.event === 'feed')!.data as Pushed;
    assert.equal(pushed.topic, TOPIC);
    assert.deepEqual(pushed.feed, (await request(service.url, '/feeds/atom.xml')).body);
    assert.match(pushed.headers['x-hub-signature'] ?? '', /^sha256=[0-9a-f]{64}$/);
  });

  it('unsubscribes it: the hub takes its request and it confirms the intent', async () => {
    const accepted = await new Promise<Error | null>((resolve) => subscriber.unsubscribe(TOPIC, hubUrl(), resolve));
    assert.equal(accepted, null);
    assert.ok(await within(5000, () => events.some((e) => e.event === 'unsubscribe')), 'no verification');
  });
});
