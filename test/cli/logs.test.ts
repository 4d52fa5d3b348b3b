import assert from 'node:assert/strict';
import { createLogger } from '../../src/cli/logger.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { request } from '../helpers/http.js';
import { parseJsonLines } from '../helpers/log.js';
import { CourierProcess } from '../service/courier-process.js';
import { courier } from './courier.js';

const AT = '2026-11-26T12:00:00.000Z';
/** The escape that starts a terminal's colour code (ESC), and the codes themselves. */
const ESC = String.fromCharCode(27);
const COLOUR = new RegExp(`${ESC}\\[\\d+m`, 'g');

describe('the log', () => {
  function logged(format: 'json' | 'pretty'): { text: () => string; log: ReturnType<typeof createLogger> } {
    let text = '';
    const log = createLogger({ write: (line) => (text += line), format, now: () => GOLDEN_NOW });
    return { text: () => text, log };
  }

  it('is a JSON line an entry: the time from the clock given, the level by name, the message and the fields', () => {
    const { text, log } = logged('json');
    log.info('build finished in 0.41 s', { durationMs: 410.5, files: 43, nothing: undefined });
    log.warn('a: b: c', { file: 'a' });
    log.error('build failed', { err: new Error('the disk is full') });
    const [info, warn, error] = parseJsonLines(text());
    assert.deepEqual(info, { level: 'info', time: AT, durationMs: 410.5, files: 43, msg: 'build finished in 0.41 s' });
    assert.deepEqual(warn, { level: 'warn', time: AT, file: 'a', msg: 'a: b: c' });
    const err = error!.err as { type: string; message: string; stack: string };
    assert.deepEqual([error!.level, err.type, err.message], ['error', 'Error', 'the disk is full']);
    assert.match(err.stack, /^Error: the disk is full\n {4}at /);
    assert.equal(text().split('\n').length, 4, 'three lines, each ending in a newline');
  });

  it('is one readable line an entry in the pretty format, the message first and the other fields after it', () => {
    const { text, log } = logged('pretty');
    const fields = { method: 'GET', path: '/feeds/rss.xml', status: 200, bytes: 5120, client: '127.0.0.1' };
    log.info('GET /feeds/rss.xml 200', fields);
    assert.match(text(), /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/feeds\/rss\.xml 200 \{"bytes":5120,/);
    assert.doesNotMatch(text(), /"method"|"path"|"status"/, 'fields the message says already');
    assert.ok(!text().includes(ESC), 'colours, though none were asked for');
    assert.equal(text().split('\n').length, 2);
  });

  it('of `courier serve` is readable on a terminal, JSON lines elsewhere, or as COURIER_LOG_FORMAT says', async () => {
    const build = new TempBuild();
    const env = { PORT: '0', HOST: '127.0.0.1' };
    const args = ['serve', '--content', build.content, '--out', build.out];
    const runs = [
      await courier(args, env, GOLDEN_NOW, { terminal: { stdout: true } }),
      await courier(args, env),
      await courier(args, { ...env, COURIER_LOG_FORMAT: 'json' }, GOLDEN_NOW, { terminal: { stdout: true } }),
    ];
    try {
      const [terminal, pipe, asked] = runs.map((run) => run.stdout);
      assert.ok(terminal!.includes(`${ESC}[32mINFO${ESC}[39m`), 'in colour on a terminal');
      const plain = terminal!.replace(COLOUR, '');
      assert.match(plain, /^\[[^\]]+\] INFO: serving http:\/\/127\.0\.0\.1:\d+\/ \{/m);
      assert.match(plain, /^\[[^\]]+\] INFO: build finished in \d+\.\d\d s: 5 public articles, /m);
      assert.doesNotMatch(plain, /^\{/m);
      for (const json of [pipe!, asked!]) {
        assert.match(String(parseJsonLines(json).find((entry) => entry.url)?.msg), /^serving http:\/\//);
      }
    } finally {
      for (const run of runs) await Promise.all(run.services.map((close) => close()));
      build.remove();
    }
  });
});

describe('the log of a real `courier serve`, from start to SIGTERM', function () {
  this.timeout(60_000);
  let build: TempBuild;
  let running: CourierProcess;
  before(() => {
    build = new TempBuild();
  });
  after(async () => {
    await running.stop();
    build.remove();
  });

  it('is JSON lines with the time, level and message: serving, each build, each request, the shutdown', async () => {
    const args = ['serve', '--content', build.content, '--out', build.out];
    running = new CourierProcess(args, { COURIER_ACCESS_LOG: '1' });
    const url = await running.url();
    await running.line(/"msg":"build finished in /, 30_000);
    const feed = await request(url, '/feeds/rss.xml', {
      headers: { 'User-Agent': 'NewsBlur Feed Fetcher - 3 subscribers' },
    });
    assert.equal(feed.status, 200);
    await running.line(/"msg":"GET \/feeds\/rss\.xml 200"/, 10_000);
    running.signal('SIGTERM');
    assert.deepEqual(await running.exited(30_000), { code: 0, signal: null }, running.stderr);
    assert.equal(running.stderr, '');

    const entries = running.logs();
    for (const entry of entries) {
      assert.match(String(entry.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(['info', 'warn', 'error'].includes(String(entry.level)), JSON.stringify(entry));
      assert.equal(typeof entry.msg, 'string');
    }
    const messages = entries.map((entry) => String(entry.msg));
    const at = (pattern: RegExp) => messages.findIndex((msg) => pattern.test(msg));
    const order = [
      /^serving /,
      /^build started: at start$/,
      /^build finished in /,
      /^GET \/feeds\/rss\.xml 200$/,
      /^shut down in /,
    ];
    const found = order.map(at);
    assert.ok(
      found.every((index, i) => index >= 0 && (i === 0 || index > found[i - 1]!)),
      messages.join('\n'),
    );

    const built = entries[at(/^build finished in /)]!;
    assert.equal(built.publicArticles, 5);
    assert.equal(typeof built.durationMs, 'number');
    for (const count of ['files', 'written', 'removed', 'problems']) assert.equal(typeof built[count], 'number', count);
    const served = entries[at(/^GET \/feeds\/rss\.xml 200$/)]!;
    assert.equal(served.bytes, feed.body.length);
    assert.equal(served.client, '127.0.0.1');
    assert.equal(served.userAgent, 'NewsBlur Feed Fetcher - 3 subscribers');
    assert.equal(typeof served.durationMs, 'number');
    const shutdown = entries[at(/^shut down in /)]!;
    assert.deepEqual([shutdown.build, shutdown.inFlight, shutdown.cutOff], ['none', 0, 0]);
  });
});
