import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientAddress, trustProxies } from '../../src/http/client.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

/** A request as node:http gives it: its socket's address and its headers. */
function requestFrom(address: string, forwardedFor?: string): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: address }, headers } as unknown as IncomingMessage;
}

describe('the client address behind proxies', () => {
  const trust = trustProxies(['127.0.0.1', '10.0.0.0/8']);

  it('is the socket address when nobody is trusted, whatever X-Forwarded-For says', () => {
    assert.equal(clientAddress(requestFrom('::ffff:127.0.0.1', '203.0.113.9')), '127.0.0.1');
    assert.equal(clientAddress(requestFrom('198.51.100.4', '203.0.113.9'), trust), '198.51.100.4');
  });

  it('is the last address in X-Forwarded-For that is no trusted proxy, when the socket is one', () => {
    assert.equal(clientAddress(requestFrom('127.0.0.1', '203.0.113.9'), trust), '203.0.113.9');
    assert.equal(clientAddress(requestFrom('127.0.0.1', '1.1.1.1, 203.0.113.9, 10.2.3.4'), trust), '203.0.113.9');
    assert.equal(clientAddress(requestFrom('10.9.9.9', '10.1.1.1, 10.2.2.2'), trust), '10.1.1.1');
    assert.equal(clientAddress(requestFrom('127.0.0.1'), trust), '127.0.0.1', 'no header: the proxy itself');
  });

  it('matches addresses and IPv4 blocks exactly', () => {
    assert.deepEqual(['10.255.0.1', '11.0.0.1', '127.0.0.1', '127.0.0.2', '::1'].map(trust), [
      true,
      false,
      true,
      false,
      false,
    ]);
    assert.equal(trustProxies(['0.0.0.0/0'])('192.0.2.1'), true);
  });

  it('is what the access log says, on the fast path, from a trusted proxy only', async () => {
    const env = { COURIER_ACCESS_LOG: '1', COURIER_TRUSTED_PROXIES: '127.0.0.1' };
    const { service, build, log } = await startTestService(undefined, undefined, env);
    try {
      await request(service.url, '/feeds/rss.xml', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
      const entry = await log.waitFor((candidate) => candidate.fields.path === '/feeds/rss.xml', 'for the GET');
      assert.equal(entry.fields.client, '203.0.113.9');
    } finally {
      await service.close();
      build.remove();
    }
  });
});
