/**
 * nginx beside the bare server in the serve benchmark (serve.ts): one process (master_process off, so the one
 * process that answers is the one whose CPU is read), gzip_static on, serving the very files Courier wrote (the
 * feed and its .gz sibling: the same gzip bytes), its own ETag and Last-Modified from the files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { processCpuSeconds } from './proc.js';

export interface RunningNginx {
  readonly process: ChildProcess;
  readonly url: string;
  /** CPU seconds the nginx process has used so far (from /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function startNginx(feedsDir: string, workDir: string, cacheControl: string): Promise<RunningNginx> {
  mkdirSync(join(workDir, 'logs'), { recursive: true });
  const port = await freePort();
  const config = [
    'worker_processes 1;',
    'master_process off;',
    'daemon off;',
    `error_log ${join(workDir, 'logs', 'error.log')} warn;`,
    `pid ${join(workDir, 'nginx.pid')};`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    '  sendfile on;',
    '  tcp_nopush on;',
    '  keepalive_requests 1000000;',
    '  types { application/rss+xml xml; }',
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    location /feeds/ { alias ${feedsDir}/; gzip_static on; add_header Cache-Control "${cacheControl}"; }`,
    '  }',
    '}',
    '',
  ].join('\n');
  const file = join(workDir, 'nginx.conf');
  writeFileSync(file, config);
  const child = spawn('nginx', ['-p', workDir, '-c', file], { stdio: ['ignore', 'inherit', 'inherit'] });
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${workDir}/logs/error.log`);
  const pid = child.pid ?? 0;
  return {
    process: child,
    url: `http://127.0.0.1:${port}/`,
    cpuSeconds: () => processCpuSeconds(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGQUIT');
      }),
  };
}

function freePort(): Promise<number> {
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
