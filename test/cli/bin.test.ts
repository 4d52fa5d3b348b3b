import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { ROOT } from '../helpers/paths.js';

/** The one test that runs the real executable: the rest of test/cli calls `main` in-process. */
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
});
