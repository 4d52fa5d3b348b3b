import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { RunningService } from '../../src/service/service-types.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import type { RecordingLogger } from '../helpers/log.js';
import { startClockedService, startTestService, testClock, type TestClock } from '../helpers/service.js';
import { editArticle, HUB_ENV, postForm, TestSubscriber, within } from '../helpers/websub.js';

const TOPIC = 'https://news.test.example/feeds/rss.xml';
const HUB = 'https://news.test.example/hub';

describe('the built-in WebSub hub', () => {
  let build: TempBuild;
  let clock: TestClock;
  let service: RunningService;
  let log: RecordingLogger;
  let subscriber: TestSubscriber;
  let edits = 0;

  before(async () => {
    build = new TempBuild();
    clock = testClock();
    ({ service, log } = await startClockedService(build, clock, HUB_ENV));
    subscriber = await TestSubscriber.start();
  });
  after(async () => {
    await service.close();
    await subscriber.close();
    build.remove();
  });

  /** Asks the hub to (un)subscribe a callback path of the subscriber, and waits until the hub has verified it. */
  async function ask(path: string, mode = 'subscribe', more: Record<string, string> = {}): Promise<void> {
    const fields = { 'hub.mode': mode, 'hub.topic': TOPIC, 'hub.callback': subscriber.callback(path), ...more };
    const answer = await postForm(service.url, '/hub', fields);
    assert.equal(answer.status, 202, answer.body.toString());
    const done = (entry: { msg: string }) =>
      entry.msg.startsWith(`websub: ${mode} of ${subscriber.callback(path)} `) &&
      /(verified|not confirmed)$/.test(entry.msg);
    assert.ok(await within(5000, () => log.entries.some(done)), `no verification of ${path}`);
    log.entries.splice(0, log.entries.length);
  }

  /** Changes the site feed and publishes it; waits until `control` has its push of that change. */
  async function change(control: string): Promise<void> {
    const before = subscriber.deliveriesTo(control).length;
    editArticle(build, (edits += 1));
    await service.rebuild();
    assert.ok(await within(5000, () => subscriber.deliveriesTo(control).length > before), `no push to ${control}`);
  }

  it('verifies the intent, then pushes the new bytes of a changed feed, signed with the secret', async () => {
    await ask('/signed', 'subscribe', { 'hub.secret': 'a secret of the subscriber' });
    const verification = subscriber.verifications.find((v) => v.path === '/signed');
    assert.ok(verification);
    assert.equal(verification.query.get('hub.mode'), 'subscribe');
    assert.equal(verification.query.get('hub.topic'), TOPIC);
    assert.equal(verification.query.get('hub.lease_seconds'), '864000');
    assert.ok((verification.query.get('hub.challenge') ?? '').length >= 16);
    assert.equal(subscriber.deliveriesTo('/signed').length, 0, 'pushed before anything changed');
    await change('/signed');
    const delivery = subscriber.deliveriesTo('/signed')[0];
    assert.ok(delivery);
    const served = await request(service.url, '/feeds/rss.xml');
    assert.deepEqual(delivery.body, served.body);
    assert.equal(delivery.headers['content-type'], served.headers['content-type']);
    assert.equal(delivery.headers.link, `<${HUB}>; rel="hub", <${TOPIC}>; rel="self"`);
    const signature = createHmac('sha256', 'a secret of the subscriber').update(served.body).digest('hex');
    assert.equal(delivery.headers['x-hub-signature'], `sha256=${signature}`);
  });

  it('subscribes no callback that answers the challenge wrong', async () => {
    subscriber.verifying.set('/wrong', 'wrong');
    await ask('/wrong');
    await change('/signed');
    assert.equal(subscriber.deliveriesTo('/wrong').length, 0);
  });

  it('stops pushing to a callback once its unsubscription is verified', async () => {
    await ask('/leaving');
    await change('/leaving');
    await ask('/leaving', 'unsubscribe');
    await change('/signed');
    assert.equal(subscriber.deliveriesTo('/leaving').length, 1);
  });

  it('grants the lease asked within its bounds, pushes nothing after it ends, and again once renewed', async () => {
    await ask('/short', 'subscribe', { 'hub.lease_seconds': '5' });
    assert.equal(subscriber.verifications.find((v) => v.path === '/short')?.query.get('hub.lease_seconds'), '5');
    clock.set(GOLDEN_NOW + 6000);
    await change('/signed');
    assert.equal(subscriber.deliveriesTo('/short').length, 0);
    await ask('/short', 'subscribe', { 'hub.lease_seconds': '5' });
    await change('/short');
  });

  it("never lets a subscriber that does not answer delay another's push", async () => {
    subscriber.receiving.set('/hanging', 'hang');
    await ask('/hanging');
    await ask('/quick');
    await change('/quick');
    assert.ok(await within(5000, () => subscriber.deliveriesTo('/hanging').length >= 1), 'no push to /hanging');
  });

  it('answers a request it cannot take with 4xx and a reason', async () => {
    const callback = subscriber.callback('/bad');
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://elsewhere.example/feed.xml', 'hub.callback': callback }, 404],
      [{ 'hub.mode': 'publish', 'hub.topic': TOPIC, 'hub.callback': callback }, 400],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': 'ftp://127.0.0.1/' }, 400],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': callback, 'hub.secret': 'x'.repeat(200) }, 400],
    ];
    for (const [fields, status] of cases) {
      const answer = await postForm(service.url, '/hub', fields);
      assert.equal(answer.status, status, JSON.stringify(fields));
      assert.ok(answer.body.length > 1);
    }
  });

  it('keeps its subscriptions across a restart', async () => {
    await service.close();
    ({ service, log } = await startClockedService(build, clock, HUB_ENV));
    await change('/signed');
    assert.equal(subscriber.verifications.filter((v) => v.path === '/signed').length, 1, 'asked to verify again');
  });
});

describe('the built-in WebSub hub and callbacks at private addresses', () => {
  it('refuses a callback on the loopback unless told to allow it (tests only)', async () => {
    const { service, build } = await startTestService(new TempBuild(), GOLDEN_NOW, { COURIER_HUB: '1' });
    try {
      for (const host of ['127.0.0.1', 'localhost', '[::1]', '10.1.2.3', '169.254.169.254']) {
        const fields = { 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': `http://${host}:9/callback` };
        const answer = await postForm(service.url, '/hub', fields);
        assert.equal(answer.status, 403, host);
        assert.match(answer.body.toString(), /private or local address/, host);
      }
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('is not there unless turned on', async () => {
    const { service, build } = await startTestService();
    try {
      const fields = { 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': 'http://127.0.0.1:9/' };
      assert.equal((await postForm(service.url, '/hub', fields)).status, 405);
    } finally {
      await service.close();
      build.remove();
    }
  });
});
