import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateCorpus } from '../../bench/corpus.js';
import { TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { ROOT } from '../helpers/paths.js';
import { CourierProcess, waitFor } from './courier-process.js';

const SHUT_DOWN = /^shut down in [\d.]+ s; (.*)$/;

/** A socket to the server at `url` that has written `text`, with its replies collected. */
async function client(
  url: string,
  text: string,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined); // a reset by the server is one way for it to close: `closed` says so
  socket.write(text);
  return { socket, received: () => received, closed };
}

function shutdownLines(courier: CourierProcess): string[] {
  return courier
    .logs()
    .map((entry) => SHUT_DOWN.exec(String(entry.msg))?.[1])
    .filter((how) => how !== undefined);
}

describe('courier serve shuts down on SIGTERM', function () {
  this.timeout(60_000);
  let build: TempBuild;
  let courier: CourierProcess;

  beforeEach(() => {
    build = new TempBuild();
  });

  afterEach(async () => {
    await courier.stop();
    build.remove();
  });

  it('within the deadline, though one client sent half a request header and another keeps its connection', async () => {
    const args = ['serve', '--content', build.content, '--out', build.out];
    courier = new CourierProcess(args, { COURIER_SHUTDOWN_TIMEOUT: '10' });
    const url = await courier.url();
    assert.ok(await waitFor(async () => (await request(url, '/healthz')).status === 200 || undefined, 30_000));
    const keptAlive = await client(url, 'GET /feeds/rss.xml HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.ok(await waitFor(() => keptAlive.received().includes('</rss>') || undefined, 10_000), 'no feed');
    assert.match(keptAlive.received(), /^HTTP\/1\.1 200 OK\r\n/);
    assert.doesNotMatch(keptAlive.received(), /^connection: close/im);
    const halfSent = await client(url, 'GET /feeds/rss.xml HTTP/1.1\r\nHost: x\r\n');
    courier.signal('SIGTERM');
    assert.deepEqual(await courier.exited(20_000), { code: 0, signal: null }, courier.stdout + courier.stderr);
    await Promise.all([keptAlive.closed, halfSent.closed]);
    assert.deepEqual(shutdownLines(courier), ['no build was running; no responses in flight']);
    assert.equal(courier.stderr, '');
  });
});

/** Every file the manifest lists has both variants (archive documents: one, at its size), each with the manifest's SHA-256; nothing else is there. */
function assertWhole(feedsDir: string): void {
  const sha256 = (path: string) =>
    createHash('sha256')
      .update(readFileSync(join(feedsDir, path)))
      .digest('hex');
  interface Entry {
    sha256: string;
    gzip: { sha256: string };
  }
  const { files, archives } = JSON.parse(readFileSync(join(feedsDir, 'manifest.json'), 'utf8')) as {
    files: Record<string, Entry>;
    archives: Record<string, { size: number }>;
  };
  for (const [path, entry] of Object.entries(files)) {
    assert.equal(sha256(path), entry.sha256, path);
    assert.equal(sha256(`${path}.gz`), entry.gzip.sha256, `${path}.gz`);
  }
  const published = readdirSync(feedsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(feedsDir, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith('.staging/') && path !== 'manifest.json');
  // Archive documents are written once, with no variants, at addresses of their own: whole at their size.
  for (const [path, entry] of Object.entries(archives)) assert.equal(statSync(join(feedsDir, path)).size, entry.size);
  for (const path of published) {
    assert.ok(files[path.replace(/\.(gz|br)$/, '')] ?? archives[path], `${path} is not in the manifest`);
  }
}

describe('courier serve, stopped during a build of a large archive', function () {
  this.timeout(240_000);
  /** A corpus and a whole build of it, made once; each test works on its own copy. */
  let original: string;
  let root: string;
  let courier: CourierProcess;

  before(function () {
    this.timeout(240_000);
    original = mkdtempSync(join(tmpdir(), 'courier-archive-'));
    generateCorpus(join(original, 'content'), 2000);
    const args = ['build', '--content', join(original, 'content'), '--out', join(original, 'feeds')];
    const built = spawnSync(process.execPath, [join(ROOT, 'bin/courier.js'), ...args], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });

  after(() => rmSync(original, { recursive: true, force: true }));

  /** A copy of the archive and its build, with the site's title changed so that the next build rewrites every file. */
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-archive-copy-'));
    cpSync(original, root, { recursive: true });
    const site = join(root, 'content', 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^title: .*$/m, 'title: Renamed Newsroom'));
  });

  afterEach(async () => {
    await courier.stop();
    rmSync(root, { recursive: true, force: true });
  });

  /** Starts `courier serve` on the copy and waits until it serves the last build and is building the next. */
  async function serveUntilBuilding(env: Record<string, string>): Promise<string> {
    const args = ['serve', '--content', join(root, 'content'), '--out', join(root, 'feeds')];
    courier = new CourierProcess(args, env);
    const url = await courier.url();
    const loaded = await waitFor(
      async () => (await request(url, '/feeds/rss.xml')).status === 200 || undefined,
      60_000,
    );
    assert.ok(loaded, `the last build was not served:\n${courier.stdout}${courier.stderr}`);
    assert.equal((await request(url, '/healthz')).status, 503, 'the first build had already finished');
    return url;
  }

  const title = () => /<title>([^<]*)<\/title>/.exec(readFileSync(join(root, 'feeds', 'rss.xml'), 'utf8'))?.[1];

  it('waits for the build to finish, within the deadline, and exits 0 with the new build whole', async () => {
    await serveUntilBuilding({ COURIER_SHUTDOWN_TIMEOUT: '180' });
    courier.signal('SIGTERM');
    assert.deepEqual(await courier.exited(200_000), { code: 0, signal: null }, courier.stdout + courier.stderr);
    assert.deepEqual(shutdownLines(courier), ['the build in progress finished; no responses in flight']);
    assertWhole(join(root, 'feeds'));
    assert.equal(title(), 'Renamed Newsroom');
  });

  it('abandons the build at the deadline and exits 0, the last build left whole', async () => {
    await serveUntilBuilding({ COURIER_SHUTDOWN_TIMEOUT: '0' });
    courier.signal('SIGTERM');
    assert.deepEqual(await courier.exited(30_000), { code: 0, signal: null }, courier.stdout + courier.stderr);
    const [line] = shutdownLines(courier);
    assert.match(line ?? '', /^the build in progress was abandoned at the deadline/);
    assertWhole(join(root, 'feeds'));
    assert.notEqual(title(), 'Renamed Newsroom');
  });

  it('exits at once on a second signal', async () => {
    await serveUntilBuilding({ COURIER_SHUTDOWN_TIMEOUT: '180' });
    courier.signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    courier.signal('SIGTERM');
    assert.deepEqual(await courier.exited(30_000), { code: 143, signal: null }, courier.stdout + courier.stderr);
    assert.match(courier.stderr, /^courier: SIGTERM again, exiting without waiting$/m);
  });
});
