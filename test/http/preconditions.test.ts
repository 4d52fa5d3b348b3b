import assert from 'node:assert/strict';
import type { RunningService } from '../../src/service/service-types.js';
import type { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { startTestService } from '../helpers/service.js';

/** Appended to a feed's URL, it sends the request through Express instead of the fast path. */
const VIA_EXPRESS = '?via=express';

describe('the preconditions of a feed request (RFC 9110 §13)', () => {
  let service: RunningService;
  let build: TempBuild;
  let etag: string;
  let lastModified: string;
  before(async () => {
    ({ service, build } = await startTestService());
    const reply = await request(service.url, '/feeds/rss.xml');
    etag = reply.headers.etag!;
    lastModified = reply.headers['last-modified']!;
  });
  after(async () => {
    await service.close();
    build.remove();
  });
  const tagOf = (quoted: string) => quoted.slice(1, -1);
  /** The status of a GET of the site's RSS feed with these headers, the same on either path. */
  async function statusFor(headers: Record<string, string>, method = 'GET'): Promise<number> {
    const fast = await request(service.url, '/feeds/rss.xml', { headers, method });
    const viaExpress = await request(service.url, '/feeds/rss.xml' + VIA_EXPRESS, { headers, method });
    assert.equal(viaExpress.status, fast.status, 'the two paths disagree');
    return fast.status;
  }

  it('serves the feed as of the serving clock, in a Date that clock gives', async () => {
    const reply = await request(service.url, '/feeds/rss.xml');
    assert.equal(reply.headers.date, 'Thu, 26 Nov 2026 12:00:00 GMT');
  });

  describe('If-Modified-Since', () => {
    const ignored = {
      'a date later than the server’s clock': 'Thu, 26 Nov 2026 12:00:01 GMT',
      'a date in 2099': 'Thu, 01 Jan 2099 00:00:00 GMT',
      'the bare year 2099': '2099',
      'a list of dates': 'Thu, 26 Nov 2026 06:00:00 GMT, Thu, 26 Nov 2026 07:00:00 GMT',
      'an ISO 8601 date': '2026-11-26T06:00:00Z',
      'a day that does not exist': 'Mon, 31 Feb 2026 06:00:00 GMT',
    };
    for (const [name, value] of Object.entries(ignored)) {
      it(`is ignored, and the feed sent with 200, when it is ${name}`, async () => {
        assert.equal(await statusFor({ 'If-Modified-Since': value }), 200);
      });
    }

    it('answers 304 to a date up to the server’s clock, in any of the three forms of an HTTP-date', async () => {
      assert.equal(await statusFor({ 'If-Modified-Since': 'Thu, 26 Nov 2026 12:00:00 GMT' }), 304);
      assert.equal(await statusFor({ 'If-Modified-Since': 'Thursday, 26-Nov-26 06:00:00 GMT' }), 304);
      assert.equal(await statusFor({ 'If-Modified-Since': 'Thu Nov 26 06:00:00 2026' }), 304);
    });
  });

  describe('If-Match', () => {
    it('lets the request through (200) when it lists the feed’s ETag or that of one of its variants', async () => {
      assert.equal(await statusFor({ 'If-Match': etag }), 200);
      assert.equal(await statusFor({ 'If-Match': `"other", ${etag}` }), 200);
      assert.equal(await statusFor({ 'If-Match': `"${tagOf(etag)}-br"`, 'Accept-Encoding': 'gzip' }), 200);
    });

    it('lets the request through (200) for *', async () => {
      assert.equal(await statusFor({ 'If-Match': '*' }), 200);
    });

    it('answers 412 Precondition Failed, without the feed, to another ETag', async () => {
      const reply = await request(service.url, '/feeds/rss.xml', { headers: { 'If-Match': '"0123abcd"' } });
      assert.equal(reply.status, 412);
      assert.equal(reply.headers['cache-control'], 'no-store');
      assert.doesNotMatch(reply.body.toString(), /<rss/);
      assert.equal(await statusFor({ 'If-Match': '"0123abcd"' }, 'HEAD'), 412);
    });

    it('compares strongly: the feed’s own ETag made weak answers 412', async () => {
      assert.equal(await statusFor({ 'If-Match': `W/${etag}` }), 412);
    });

    it('is evaluated first: a failing If-Match is 412 even when If-None-Match would be 304', async () => {
      assert.equal(await statusFor({ 'If-Match': '"0123abcd"', 'If-None-Match': etag }), 412);
    });

    it('passes on to If-None-Match when it holds', async () => {
      assert.equal(await statusFor({ 'If-Match': etag, 'If-None-Match': etag }), 304);
    });
  });

  describe('If-Unmodified-Since', () => {
    it('answers 412 to a date earlier than Last-Modified', async () => {
      assert.equal(await statusFor({ 'If-Unmodified-Since': 'Wed, 25 Nov 2026 00:00:00 GMT' }), 412);
    });

    it('lets the request through (200) for Last-Modified itself or a later date', async () => {
      assert.equal(await statusFor({ 'If-Unmodified-Since': lastModified }), 200);
      assert.equal(await statusFor({ 'If-Unmodified-Since': 'Thu, 26 Nov 2026 11:00:00 GMT' }), 200);
    });

    it('is ignored when it is no HTTP-date', async () => {
      assert.equal(await statusFor({ 'If-Unmodified-Since': 'long ago' }), 200);
    });

    it('is evaluated before If-None-Match: 412 though the ETag is the very one sent', async () => {
      const early = 'Wed, 25 Nov 2026 00:00:00 GMT';
      assert.equal(await statusFor({ 'If-Unmodified-Since': early, 'If-None-Match': etag }), 412);
      const gzipped = { 'Accept-Encoding': 'gzip', 'If-None-Match': `"${tagOf(etag)}-gzip"` };
      assert.equal(await statusFor({ ...gzipped, 'If-Unmodified-Since': early }), 412);
      assert.equal(await statusFor(gzipped), 304);
    });

    it('is ignored when If-Match is present', async () => {
      const early = 'Wed, 25 Nov 2026 00:00:00 GMT';
      assert.equal(await statusFor({ 'If-Match': etag, 'If-Unmodified-Since': early }), 200);
      assert.equal(await statusFor({ 'If-Match': '*', 'If-Unmodified-Since': early }), 200);
    });
  });
});
