import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fetchSource } from '../../src/import/fetch.js';
import { FIXTURES } from '../helpers/paths.js';
import { ImportSite } from './built.js';

const HUGO = readFileSync(join(FIXTURES, 'import', 'hugo-rss.xml'));

/** A real server on 127.0.0.1 standing in for the old site: each path answers as a test needs. */
async function oldSite(
  routes: Record<string, (res: ServerResponse) => void>,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('courier import, from a URL', function () {
  this.timeout(60_000);
  let site: ImportSite;
  let old: { server: Server; url: string };
  before(async () => {
    old = await oldSite({
      '/index.xml': (res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(HUGO),
      '/moved': (res) => res.writeHead(301, { Location: '/index.xml' }).end(),
      '/big.xml': (res) => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.write('<rss version="2.0"><channel>');
        res.end(`${'<!-- padding -->'.repeat(4096)}</channel></rss>`);
      },
      '/slow.xml': (res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).write('<rss version="2.0">'),
    });
  });
  after(async () => {
    old.server.closeAllConnections();
    await new Promise((resolve) => old.server.close(resolve));
  });
  beforeEach(() => {
    site = new ImportSite();
  });
  afterEach(() => site.remove());

  it('fetches the feed from the server, following a redirect, and imports it', async () => {
    const run = await site.import(`${old.url}/moved`);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /courier import: 2 written/);
    assert.match(
      readFileSync(join(site.content, 'articles/2026/11/muscat-talks.md'), 'utf8'),
      /^id: "https:\/\/blog\.example\.org\/posts\/muscat-talks\/"$/m,
    );
  });

  it('says in one line when the server answers with an error, and exits 1', async () => {
    const run = await site.import(`${old.url}/gone.xml`);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `courier: ${old.url}/gone.xml: the server answered 404 Not Found\n`);
  });

  it('gives up on a server that does not finish within --timeout', async () => {
    const run = await site.import(`${old.url}/slow.xml`, '--timeout', '1');
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `courier: ${old.url}/slow.xml: no whole answer within 1 s\n`);
  });

  it('stops reading a body larger than its bound', async () => {
    const fetched = await fetchSource(`${old.url}/big.xml`, { timeoutMs: 10_000, maxBytes: 16 * 1024 });
    assert.deepEqual(fetched, { unreadable: `${old.url}/big.xml: more than the 16384 bytes allowed` });
    assert.ok('text' in (await fetchSource(`${old.url}/big.xml`, { timeoutMs: 10_000, maxBytes: 1024 * 1024 })));
  });

  it('says in one line when nothing listens at the address', async () => {
    const closed = await oldSite({});
    await new Promise((resolve) => closed.server.close(resolve));
    const run = await site.import(`${closed.url}/feed/`);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^courier: http:\/\/127\.0\.0\.1:\d+\/feed\/: ECONNREFUSED/);
  });
});
