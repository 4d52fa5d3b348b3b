import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InFlightResponses } from '../../src/service/in-flight.js';
import { shutDown, type ShutdownDeps } from '../../src/service/shutdown.js';
import { RecordingLogger } from '../helpers/log.js';
import { waitFor } from './courier-process.js';

/**
 * The shutdown on a plain node:http server whose answers take as long as a test says: Courier's own answer
 * from memory at once, so a response in flight cannot be held open through it.
 */
describe('a graceful shutdown', () => {
  let server: Server;
  let responses: InFlightResponses;
  let feedsDir: string;
  let log: RecordingLogger;
  /** The message of the nth shutdown's entry. */
  const said = (n: number) => log.entries[n]?.msg ?? '';

  async function serve(listener: RequestListener): Promise<number> {
    server = createServer(listener);
    responses = new InFlightResponses(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  function shutdown(deps: Partial<ShutdownDeps>): Promise<void> {
    const savePulls = () => Promise.resolve();
    const base = { server, responses, work: () => undefined, feedsDir, elapsed: () => performance.now(), savePulls };
    return shutDown({ ...base, timeoutMs: 10_000, log, ...deps });
  }

  /** A raw HTTP/1.1 client: what it received, and when the server closed its connection. */
  function ask(port: number): { received: () => string; closed: Promise<void> } {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined); // a reset is one way to be closed: `closed` says so
    return { received: () => received, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
  }

  beforeEach(() => {
    log = new RecordingLogger();
    feedsDir = mkdtempSync(join(tmpdir(), 'courier-drain-'));
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
    rmSync(feedsDir, { recursive: true, force: true });
  });

  it('lets a response in flight finish, telling its client to close the connection', async () => {
    const port = await serve((_req, res) => setTimeout(() => res.end('done\n'), 300));
    const client = ask(port);
    assert.ok(await waitFor(() => responses.count === 1 || undefined, 10_000));
    await shutdown({});
    await client.closed;
    assert.match(client.received(), /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(client.received(), /\r\nConnection: close\r\n/i);
    assert.match(client.received(), /\r\n\r\ndone\n$/);
    assert.match(said(0), /^shut down in [\d.]+ s; no build was running; 1 response in flight finished$/);
    assert.deepEqual(
      { ...log.entries[0]!.fields, durationMs: 0 },
      { durationMs: 0, build: 'none', inFlight: 1, cutOff: 0 },
      'the same, for machines',
    );
  });

  it('cuts off a response still running at the deadline', async () => {
    const port = await serve(() => undefined); // never answers
    const client = ask(port);
    assert.ok(await waitFor(() => responses.count === 1 || undefined, 10_000));
    await shutdown({ timeoutMs: 200 });
    await client.closed;
    assert.equal(client.received(), '');
    assert.match(said(0), /; 1 response cut off at the deadline$/);
    assert.equal(log.entries[0]!.fields.cutOff, 1);
  });

  it('counts nothing in flight on a kept-alive connection whose last response was sent', async () => {
    const port = await serve((_req, res) => res.end('done\n'));
    const client = ask(port);
    assert.ok(await waitFor(() => client.received().endsWith('done\n') || undefined, 10_000));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(responses.count, 0);
    await shutdown({});
    await client.closed;
    assert.match(said(0), /; no responses in flight$/);
  });

  it('waits for every pipelined response of a connection, the earlier ones too', async () => {
    const port = await serve((req, res) => setTimeout(() => res.end(`${req.url}\n`), 200));
    const socket = connect(port, '127.0.0.1', () =>
      socket.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n'),
    );
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    assert.ok(await waitFor(() => responses.count === 2 || undefined, 10_000));
    await shutdown({});
    await closed;
    assert.match(received, /\/one\n[\s\S]*\/two\n$/);
    assert.match(said(0), /; 2 responses in flight finished$/);
  });

  it('is done when a connection closes, with nothing cut off, though requests came pipelined behind its last answer', async () => {
    const port = await serve((req, res) =>
      req.url === '/slow' ? setTimeout(() => res.end('slow\n'), 300) : res.end(`${req.url}\n`),
    );
    const socket = connect(port, '127.0.0.1', () => socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n'));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.resume();
    assert.ok(await waitFor(() => responses.count === 1 || undefined, 10_000));
    const stopping = shutdown({});
    // Answered at once, behind /slow: /b says Connection: close, so /c is never sent an answer.
    socket.write('GET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n');
    await Promise.all([stopping, closed]);
    assert.doesNotMatch(said(0), /cut off/);
  });

  it('answers a request that comes on a kept-alive connection during the shutdown, and then closes it', async () => {
    let answered = 0;
    const port = await serve((_req, res) => setTimeout(() => res.end(`${(answered += 1)}\n`), answered ? 0 : 300));
    const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    assert.ok(await waitFor(() => responses.count === 1 || undefined, 10_000));
    const stopping = shutdown({});
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'); // sent while the first is still being answered
    await Promise.all([stopping, closed]);
    const answers = received.split('HTTP/1.1 200 OK').slice(1);
    assert.equal(answers.length, 2, received);
    assert.match(answers[0]!, /\r\nConnection: keep-alive\r\n/i, 'the first answer leaves the connection open');
    assert.match(answers[1]!, /\r\nConnection: close\r\n[\s\S]*\r\n\r\n2\n$/i, 'the second closes it');
  });

  it('waits for the build in progress until the deadline, and abandons it then', async () => {
    await serve((_req, res) => res.end());
    const finishing = new Promise<void>((resolve) => setTimeout(resolve, 200));
    await shutdown({ work: () => finishing });
    assert.match(said(0), /; the build in progress finished; no responses in flight$/);

    await serve((_req, res) => res.end());
    await shutdown({ work: () => new Promise<void>(() => undefined), timeoutMs: 200 });
    assert.match(said(1), /; the build in progress was abandoned at the deadline \(the feeds folder keeps/);
  });

  it('past the deadline, lets a build that is moving its staged files into place finish', async () => {
    await serve((_req, res) => res.end());
    mkdirSync(join(feedsDir, '.staging'));
    writeFileSync(join(feedsDir, '.staging', 'manifest.json'), '{}');
    const committing = new Promise<void>((resolve) => setTimeout(resolve, 500));
    await shutdown({ work: () => committing, timeoutMs: 100 });
    assert.match(said(0), /; the build in progress finished; /);
    assert.equal(log.entries[0]!.fields.build, 'finished');
  });
});
