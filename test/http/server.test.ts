import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { FeedStore } from '../../src/http/feed-store.js';
import { PartnerStore } from '../../src/http/partner-store.js';
import { createServer } from '../../src/http/server.js';
import { ServiceState } from '../../src/http/state.js';
import { newKey } from '../../src/partners/keys.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

/** Waits (a second at most) for a line the server logs once a response has finished. */
async function logged(lines: readonly string[], line: string): Promise<void> {
  for (let waited = 0; !lines.includes(line) && waited < 1000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(lines.includes(line), `${line} not in:\n${lines.join('\n')}`);
}

describe('the access log', () => {
  it('has a line for requests on either path, with keys redacted', async () => {
    const { service, build, lines } = await startTestService(undefined, undefined, { COURIER_ACCESS_LOG: '1' });
    try {
      const { key, prefix } = newKey();
      await request(service.url, '/feeds/rss.xml', { headers: { 'User-Agent': 'fast/1' } });
      await request(service.url, '/feeds/rss.xml?via=express', { headers: { 'If-None-Match': '"x"' } });
      await request(service.url, `/partners/${key}/rss.xml`);
      await logged(lines, 'courier: GET /feeds/rss.xml 200 unconditional "fast/1"');
      await logged(lines, 'courier: GET /feeds/rss.xml?via=express 200 conditional ""');
      await logged(lines, `courier: GET /partners/crk_${prefix}_…/rss.xml 404 unconditional ""`);
      assert.ok(!lines.join('\n').includes(key), 'a key in the log');
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
    Object.defineProperty(state, 'siteTitle', {
      get: () => {
        throw new Error('no title today');
      },
    });
    const lines: string[] = [];
    const server = createServer({
      state,
      clock,
      log: (line) => lines.push(line),
      partnerPullsPerMinute: 1,
      staleAfter: 900,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const reply = await request(`http://127.0.0.1:${port}/`, '/');
      assert.equal(reply.status, 500);
      assert.equal(reply.body.toString(), 'Internal server error\n');
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /^courier: GET \/ failed: Error: no title today\n {4}at /);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
