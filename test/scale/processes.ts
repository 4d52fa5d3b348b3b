import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';

/** The shipped configurations under test. */
export const DEPLOY = join(ROOT, 'deploy');

/** A port free on 127.0.0.1 just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port, within `ms`. */
export async function listening(port: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A child process the test started, with what it wrote, stopped by `stop`. */
export class Child {
  output = '';
  private readonly exited: Promise<void>;

  constructor(readonly process: ChildProcess) {
    process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => process.once('exit', () => resolve()));
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A real redis-server on 127.0.0.1:port, nothing saved to disk. */
export async function startRedis(port: number, dir: string): Promise<Child> {
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = new Child(spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  await listening(port);
  return child;
}

/**
 * A real varnishd in the foreground on 127.0.0.1:port with deploy/varnish/courier.vcl, and a backends file of
 * the test's own (the shipped one is an example to edit): the instances at `backends`, probed every 300 ms and
 * sick until a probe succeeds. -j none: as root, varnishd would otherwise switch to a user that cannot read a
 * temporary folder.
 */
export async function startVarnish(port: number, backends: readonly number[], dir: string): Promise<Child> {
  mkdirSync(dir, { recursive: true });
  cpSync(join(DEPLOY, 'varnish', 'courier.vcl'), join(dir, 'courier.vcl'));
  writeFileSync(join(dir, 'courier-backends.vcl'), backendsVcl(backends));
  const args = [
    ...['-F', '-j', 'none', '-a', `127.0.0.1:${port}`, '-f', join(dir, 'courier.vcl')],
    ...['-p', `vcl_path=${dir}`, '-p', 'http_gzip_support=off', '-n', join(dir, 'work'), '-s', 'malloc,32m'],
  ];
  const child = new Child(spawn('varnishd', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  await listening(port, 30_000);
  return child;
}

function backendsVcl(ports: readonly number[]): string {
  const names = ports.map((_, index) => `courier_${index}`);
  return [
    'import directors;',
    'probe up { .url = "/"; .interval = 300ms; .timeout = 1s; .window = 2; .threshold = 1; .initial = 0; }',
    ...ports.map((port, index) => `backend ${names[index]} { .host = "127.0.0.1"; .port = "${port}"; .probe = up; }`),
    'acl courier_purgers { "127.0.0.1"; }',
    'sub vcl_init {',
    '  new courier = directors.round_robin();',
    ...names.map((name) => `  courier.add_backend(${name});`),
    '}',
    'sub vcl_recv { set req.backend_hint = courier.backend(); }',
    '',
  ].join('\n');
}
