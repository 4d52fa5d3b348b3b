import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

const courier = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/courier.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });

describe('the courier command', () => {
  let build: TempBuild;
  beforeEach(() => { build = new TempBuild(); });
  afterEach(() => build.remove());

  it('check prints nothing but a count and exits 0 for good content', () => {
    const result = courier('check', '--content', build.content);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'courier: 8 valid records, 0 problems\n');
  });

  it('check prints every problem and exits 1', () => {
    writeFileSync(join(build.content, 'articles/2026/11/bad.md'), record('title: [a, b]\npublished: yesterday'));
    const result = courier('check', '--content', build.content);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^articles\/2026\/11\/bad\.md: title: expected plain text, found a list of 2$/m);
    assert.match(result.stdout, /^articles\/2026\/11\/bad\.md: published: expected a date such as .* found "yesterday"$/m);
  });

  it('build writes the feeds, and still does with a bad record', () => {
    writeFileSync(join(build.content, 'articles/2026/11/bad.md'), record('title: [a, b]\npublished: 2026-11-01'));
    const result = courier('build', '--content', build.content, '--out', build.out);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /bad\.md: title/);
    assert.ok(existsSync(join(build.out, 'rss.xml')));
  });

  it('check --partner warns where articles fall short of that partner, without failing', () => {
    cpSync(join(FIXTURES, 'partners'), build.content, { recursive: true });
    const result = courier('check', '--content', build.content, '--partner', 'msn');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^warning: articles\/2026\/11\/long-title\.md: title: msn \(msn\) shows at most 100 characters, found 536$/m);
    assert.match(result.stdout, /^warning: articles\/2026\/11\/long-title\.md: image\.width: msn \(msn\) wants images at least 1000 px wide, found no width$/m);
  });

  it('names every bad environment variable and exits 2', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/courier.js'), 'serve'], { encoding: 'utf8', env: { PATH: process.env.PATH, PORT: 'x', COURIER_SCHEDULE: 'y' } });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /PORT: expected/);
    assert.match(result.stderr, /COURIER_SCHEDULE: expected/);
  });

  it('explains itself for an unknown command', () => {
    const result = courier('publish');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^Usage: courier <build\|check\|serve>/);
  });
});
