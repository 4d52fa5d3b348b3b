import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { FeedStore } from '../../src/http/feed-store.js';
import { PartnerStore } from '../../src/http/partner-store.js';
import { createServer } from '../../src/http/server.js';
import { ServiceState } from '../../src/http/state.js';
import { newKey } from '../../src/partners/keys.js';
import { request } from '../helpers/http.js';
import { RecordingLogger } from '../helpers/log.js';
import { startTestService } from '../helpers/service.js';

describe('the access log', () => {
  it('has an entry for requests on either path, with keys redacted', async () => {
    const { service, build, log } = await startTestService(undefined, undefined, { COURIER_ACCESS_LOG: '1' });
    try {
      const { key, prefix } = newKey();
      await request(service.url, '/feeds/rss.xml', { headers: { 'User-Agent': 'fast/1' } });
      await request(service.url, '/feeds/rss.xml?via=express', { headers: { 'If-None-Match': '"x"' } });
      await request(service.url, `/partners/${key}/rss.xml`);
      const fast = await log.waitFor((entry) => entry.msg === 'GET /feeds/rss.xml 200', 'for the fast path');
      assert.equal(fast.fields.userAgent, 'fast/1');
      assert.equal(fast.fields.conditional, false);
      const express = await log.waitFor((entry) => entry.msg === 'GET /feeds/rss.xml?via=express 200', 'for Express');
      assert.equal(express.fields.conditional, true);
      const partner = `GET /partners/crk_${prefix}_…/rss.xml 404`;
      await log.waitFor((entry) => entry.msg === partner, 'for the partner pull');
      assert.ok(!JSON.stringify(log.entries).includes(key), 'a key in the log');
    } finally {
      await service.close();
      build.remove();
    }
  });

  it('says for each request its method, path, status, bytes, duration, client and User-Agent', async () => {
    const { service, build, log } = await startTestService(undefined, undefined, { COURIER_ACCESS_LOG: '1' });
    try {
      const reply = await request(service.url, '/feeds/rss.xml', { headers: { 'User-Agent': 'Feedly/1.0' } });
      await request(service.url, '/feeds/rss.xml', { method: 'HEAD' });
      await request(service.url, '/nowhere');
      const [got, head, missing] = [
        await log.waitFor((entry) => entry.fields.userAgent === 'Feedly/1.0', 'for the GET'),
        await log.waitFor((entry) => entry.fields.method === 'HEAD', 'for the HEAD'),
        await log.waitFor((entry) => entry.fields.status === 404, 'for the 404'),
      ];
      const { durationMs, ...fields } = got.fields;
      assert.deepEqual(fields, {
        method: 'GET',
        path: '/feeds/rss.xml',
        status: 200,
        bytes: reply.body.length,
        client: '127.0.0.1',
        userAgent: 'Feedly/1.0',
        conditional: false,
      });
      assert.equal(typeof durationMs, 'number');
      assert.ok((durationMs as number) >= 0);
      assert.equal(head.fields.bytes, 0, 'a HEAD sends no body');
      assert.equal(missing.fields.bytes, Buffer.byteLength('Not found\n'), 'Express answers are counted too');
      assert.equal(got.level, 'info');
    } finally {
      await service.close();
      build.remove();
    }
  });
});

describe('the HTTP error handler', () => {
  it('logs a failure through the injected log and answers 500 without a stack trace', async () => {
    const policy = { maxAge: 300, staleWhileRevalidate: 600, staleIfError: 86400 };
    const clock = () => 0;
    const state = new ServiceState(new FeedStore(policy), new PartnerStore(policy, clock));
    Object.defineProperty(state, 'feedsLoaded', {
      get: () => {
        throw new Error('no feeds today');
      },
    });
    const log = new RecordingLogger();
    const server = createServer({ state, clock, log, partnerPullsPerMinute: 1, staleAfter: 900 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const reply = await request(`http://127.0.0.1:${port}/`, '/');
      assert.equal(reply.status, 500);
      assert.equal(reply.body.toString(), 'Internal server error\n');
      assert.equal(log.entries.length, 1, log.text());
      const [entry] = log.entries;
      assert.equal(entry!.level, 'error');
      assert.equal(entry!.msg, 'GET / failed');
      const err = entry!.fields.err as { type: string; message: string; stack: string };
      assert.equal(err.message, 'no feeds today');
      assert.match(err.stack, /^Error: no feeds today\n {4}at /);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
