import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import type { RecordingLogger } from '../helpers/log.js';
import { partnerContent } from '../helpers/partners.js';
import { startClockedService, testClock } from '../helpers/service.js';
import { HUB_ENV, postForm, TestSubscriber, within } from '../helpers/websub.js';
import { issueKeys } from '../partners/helpers.js';

const PARTNERS = 'https://news.test.example/partners/';

describe('the built-in WebSub hub and partner feeds', () => {
  let build: TempBuild;
  let service: RunningService;
  let log: RecordingLogger;
  let subscriber: TestSubscriber;
  let keys: Record<string, string>;

  before(async () => {
    build = partnerContent();
    keys = await issueKeys(build, ['full', 'summary']);
    ({ service, log } = await startClockedService(build, testClock(), HUB_ENV));
    subscriber = await TestSubscriber.start();
  });
  after(async () => {
    await service.close();
    await subscriber.close();
    build.remove();
  });

  const subscribe = (path: string, topic: string, headers: Record<string, string> = {}) =>
    postForm(
      service.url,
      '/hub',
      { 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': subscriber.callback(path) },
      headers,
    );
  const verified = (path: string) =>
    within(5000, () =>
      log.entries.some((entry) => entry.msg.startsWith(`websub: subscribe of ${subscriber.callback(path)} `)),
    );

  it("subscribes to a partner feed only with that partner's key, in the topic URL or as a Bearer header", async () => {
    const topic = `${PARTNERS}full/rss.xml`;
    assert.equal((await subscribe('/nokey', topic)).status, 403);
    assert.equal((await subscribe('/other', topic, { Authorization: `Bearer ${keys.summary}` })).status, 403);
    assert.equal((await subscribe('/inpath', `${PARTNERS}${keys.summary}/rss.xml`)).status, 202);
    assert.equal((await subscribe('/header', topic, { Authorization: `Bearer ${keys.full}` })).status, 202);
    assert.ok(await verified('/inpath'));
    assert.ok(await verified('/header'));
    const given = subscriber.verifications.find((verification) => verification.path === '/inpath');
    assert.equal(
      given?.query.get('hub.topic'),
      `${PARTNERS}${keys.summary}/rss.xml`,
      'the topic as the request gave it',
    );
  });

  it('pushes a kill notice to the partner within seconds of a retraction', async () => {
    const path = join(build.content, 'articles/2026/11/oman-talks.md');
    const note = 'Withdrawn for a test of the push.';
    const record = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      record.replace(
        '\n---\n',
        `\nstatus: retracted\nretracted_at: "2026-11-26T11:00:00Z"\nretraction_note: ${note}\n---\n`,
      ),
    );
    await service.rebuild();
    for (const callback of ['/header', '/inpath']) {
      assert.ok(await within(5000, () => subscriber.deliveriesTo(callback).length > 0), `no push to ${callback}`);
      const [delivery] = subscriber.deliveriesTo(callback);
      assert.ok(delivery?.body.toString().includes(note), callback);
    }
    const [pushed] = subscriber.deliveriesTo('/header');
    assert.match(String(pushed?.headers.link), /<https:\/\/news\.test\.example\/partners\/full\/rss\.xml>; rel="self"/);
    assert.equal(subscriber.deliveriesTo('/nokey').length + subscriber.deliveriesTo('/other').length, 0);
  });
});
