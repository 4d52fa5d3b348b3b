import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { ROOT } from '../helpers/paths.js';

/**
 * The one test that runs the real executable (bin/courier.js, which runs the bundle in dist/bundle that
 * scripts/bundle.js makes): the rest of test/cli calls `main` in-process.
 */
describe('the courier executable', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('builds the sample content, prints its summary on stdout and exits 0', () => {
    const args = [join(ROOT, 'bin/courier.js'), 'build', '--content', build.content, '--out', build.out];
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const summary = /^courier: \d+ public articles, \d+ files, \d+ written, 0 removed, 0 problems in \d+\.\d\d s\n$/;
    assert.match(result.stdout, summary);
    assert.ok(existsSync(join(build.out, 'rss.xml')));
  });

  it('is started with the same Node flags by npm start and by the Procfile', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } })
      .scripts.start;
    const flags = /^node((?: --[\w-]+)*) bin\/courier\.js serve$/.exec(start)?.[1];
    assert.ok(flags, start);
    assert.match(flags, /--single-threaded-gc/);
    const procfile = readFileSync(join(ROOT, 'Procfile'), 'utf8');
    assert.ok(procfile.split('\n').includes(`web: node${flags} bin/courier.js serve`), procfile);
  });

  it('runs a bundle in which every worker thread it starts is there, as an entry of its own', () => {
    const bundle = join(ROOT, 'dist/bundle');
    const started = new Set<string>();
    for (const file of readdirSync(bundle).filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(join(bundle, file), 'utf8');
      for (const [, entry] of text.matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)) started.add(entry ?? '');
    }
    const workers = [
      'record-worker.js',
      'body-worker.js',
      'survey-worker.js',
      'build-worker-entry.js',
      'watch-worker.js',
    ];
    assert.deepEqual([...started].sort(), [...workers].sort());
    for (const entry of started) assert.ok(existsSync(join(bundle, entry)), `dist/bundle/${entry}`);
  });
});
