import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPLOY } from './processes.js';

describe('the cache configurations in deploy/', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'courier-deploy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pass nginx -t: the nginx site, inside a minimal main configuration', () => {
    const site = readFileSync(join(DEPLOY, 'nginx', 'courier.conf'), 'utf8');
    assert.match(site, /proxy_cache_path \/var\/cache\/nginx\/courier /);
    writeFileSync(join(dir, 'courier.conf'), site.replace('/var/cache/nginx/courier', join(dir, 'cache')));
    const main = `error_log ${dir}/error.log;\npid ${dir}/nginx.pid;\nevents {}\nhttp {\n  include ${dir}/courier.conf;\n}\n`;
    writeFileSync(join(dir, 'nginx.conf'), main);
    const run = spawnSync('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /test is successful/);
  });

  it('compile in varnishd: the VCL with the example backends shipped beside it', () => {
    for (const file of ['courier.vcl', 'courier-backends.vcl'])
      copyFileSync(join(DEPLOY, 'varnish', file), join(dir, file));
    const args = ['-C', '-j', 'none', '-f', join(dir, 'courier.vcl'), '-p', `vcl_path=${dir}`, '-n', join(dir, 'n')];
    const run = spawnSync('varnishd', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr.slice(-2000));
  });
});
