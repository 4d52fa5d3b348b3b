import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { ROOT } from '../helpers/paths.js';
import { courier } from './courier.js';

/** A real server holding a port on 127.0.0.1, as another program would. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.end('someone else\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** Exactly one line on stderr, `courier: …`, and no stack trace; nothing left serving. */
function assertOneLine(run: { status: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /^courier: [^\n]+\n$/, 'one line');
  assert.doesNotMatch(run.stderr, /\n {4}at /, 'a stack trace');
  assert.match(run.stderr, pattern);
}

describe('a start-up mistake', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  const serve = (env: Record<string, string>, ...flags: string[]) =>
    courier(['serve', '--content', build.content, '--out', build.out, ...flags], env);

  it('a port in use is one line naming PORT and the fix', async () => {
    const { port, server } = await occupyPort();
    try {
      const run = await serve({ PORT: String(port), HOST: '127.0.0.1' });
      assertOneLine(run, new RegExp(`^courier: PORT ${port} is in use: stop the other server or set PORT to a free`));
      assert.equal(run.services.length, 0);
    } finally {
      server.close();
    }
  });

  it('a port in use is one line from the real executable too, which exits 1 and prints nothing else', async () => {
    const { port, server } = await occupyPort();
    try {
      const args = [join(ROOT, 'bin/courier.js'), 'serve', '--content', build.content, '--out', build.out];
      const env = { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1' };
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 60_000 });
      assertOneLine(run, new RegExp(`^courier: PORT ${port} is in use: stop the other server or set PORT`));
      assert.equal(run.stdout, '');
    } finally {
      server.close();
    }
  });

  it('a port in use ends the real executable also when it was told to share state through Redis', async () => {
    const { port, server } = await occupyPort();
    try {
      const args = [join(ROOT, 'bin/courier.js'), 'serve', '--content', build.content, '--out', build.out];
      // Nothing listens on port 1: the client would retry for as long as the process lived.
      const env = {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        COURIER_REDIS_URL: 'redis://127.0.0.1:1',
      };
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 30_000 });
      assert.equal(run.status, 1, `exit status (null: still running after 30 s); stderr: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`courier: PORT ${port} is in use: stop the other server or set PORT`));
    } finally {
      server.close();
    }
  });

  it('a host that is no address of this machine is one line naming HOST', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address, and binding to it sends nothing anywhere.
    const run = await serve({ PORT: '0', HOST: '192.0.2.1' });
    assertOneLine(run, /^courier: HOST 192\.0\.2\.1 is not an address of this machine: set HOST to one of its/);
  });

  it('a host that is no name at all is one line naming HOST', async () => {
    // A malformed name: the resolver refuses it itself (ENOTFOUND) without asking any DNS server.
    const run = await serve({ PORT: '0', HOST: 'bad..host' });
    assertOneLine(run, /^courier: HOST bad\.\.host is no name this machine can resolve \(ENOTFOUND\): set HOST/);
  });

  it('a missing content folder is one line with its full path and the settings that name it', async () => {
    const missing = join(build.root, 'no-such-content');
    const expected = `courier: the content folder ${missing} does not exist: set COURIER_CONTENT_DIR or --content`;
    for (const command of ['serve', 'build', 'check']) {
      const run = await courier([command, '--content', missing, '--out', build.out], { PORT: '0', HOST: '127.0.0.1' });
      assertOneLine(run, new RegExp(`^${escape(expected)} to the folder that holds site\\.yaml`));
      assert.equal(run.services.length, 0, command);
    }
  });

  it('a content folder without site.yaml is a problem that names the file in full', async () => {
    rmSync(join(build.content, 'site.yaml'));
    const run = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(run.status, 1);
    const path = join(build.content, 'site.yaml');
    assert.match(
      run.stderr,
      new RegExp(`^site\\.yaml: \\(file\\): expected the site settings file at ${escape(path)}`),
    );
  });

  it('a feeds or state folder that cannot be made is one line naming it, its setting and the fix', async () => {
    const file = join(build.root, 'a-file');
    writeFileSync(file, 'in the way\n');
    // The state folder is given apart: by default it is beside the feeds folder, where the file is in its way too.
    const stateApart = ['--state', join(build.root, 'state')];
    const feeds = await serve({ PORT: '0', HOST: '127.0.0.1' }, '--out', join(file, 'feeds'), ...stateApart);
    const inTheWay = 'cannot be written \\(ENOTDIR\\): a file is in the way: move it, or set';
    assertOneLine(feeds, new RegExp(`^courier: the feeds folder ${escape(file)}/feeds ${inTheWay} COURIER_FEEDS_DIR`));
    const state = await serve({ PORT: '0', HOST: '127.0.0.1' }, '--state', join(file, 'state'));
    assertOneLine(state, new RegExp(`^courier: the state folder ${escape(file)}/state ${inTheWay} COURIER_STATE_DIR`));
    const built = await courier(['build', '--content', build.content, '--out', join(file, 'feeds'), ...stateApart]);
    assertOneLine(built, /^courier: the feeds folder .* a file is in the way/);
  });

  it('a feeds folder this user cannot write is one line naming it and the fix (a real process)', () => {
    // Root may write anywhere, so as root the command runs as nobody (65534), over folders nobody may read.
    const root = mkdtempSync(join(tmpdir(), 'courier-unwritable-'));
    try {
      chmodSync(root, 0o755);
      const content = join(root, 'content');
      mkdirSync(join(content, 'articles'), { recursive: true });
      copyFileSync(join(build.content, 'site.yaml'), join(content, 'site.yaml'));
      const [feeds, state] = [join(root, 'feeds'), join(root, 'state')];
      mkdirSync(feeds, { mode: 0o555 });
      chmodSync(feeds, 0o555);
      mkdirSync(state);
      chmodSync(state, 0o777);
      const args = [join(ROOT, 'bin/courier.js'), 'build', '--content', content, '--out', feeds, '--state', state];
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const run = spawnSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH }, ...asNobody });
      const fix = 'give this user write access, or set COURIER_FEEDS_DIR or --out to a folder this user can write';
      assertOneLine(
        run,
        new RegExp(`^courier: the feeds folder ${escape(feeds)} cannot be written \\(EACCES\\): ${fix}`),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a checkout that was never compiled is one line saying how to compile', () => {
    // bin/ alone, with no dist/ beside it: what `npm ci --omit=dev` on a fresh clone leaves.
    const root = mkdtempSync(join(tmpdir(), 'courier-uncompiled-'));
    try {
      mkdirSync(join(root, 'bin'));
      for (const file of ['courier.js', 'package.json']) copyFileSync(join(ROOT, 'bin', file), join(root, 'bin', file));
      writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
      const run = spawnSync(process.execPath, [join(root, 'bin/courier.js'), 'serve'], { encoding: 'utf8' });
      assertOneLine(run, /^courier: not compiled \(no dist\/\): run `npm run build` with the dev dependencies/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** `text` as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
