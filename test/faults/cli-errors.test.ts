import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { courier } from '../cli/courier.js';
import { TempBuild } from '../helpers/build.js';
import { some, wholeProblems } from '../helpers/feeds-folder.js';

/** What the machine refuses is one line on stderr and exit 1: the operator reads it, nobody needs a stack. */
describe('courier build and check, when the folders are not what they should be', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('build with --out naming a file says so in one line and exits 1', async () => {
    const file = join(build.root, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = await courier(['build', '--content', build.content, '--out', file]);
    assert.equal(result.status, 1);
    const fix = 'a file is in the way: move it, or set COURIER_FEEDS_DIR or --out to a folder this user can write';
    assert.equal(result.stderr, `courier: the feeds folder ${file} cannot be written (EEXIST): ${fix}\n`);
    assert.equal(result.stdout, '');
  });

  it('check on content whose articles folder is a file says so in one line and exits 1', async () => {
    const articles = join(build.content, 'articles');
    rmSync(articles, { recursive: true });
    writeFileSync(articles, 'not a folder');
    const result = await courier(['check', '--content', build.content]);
    assert.equal(result.status, 1);
    const message = `listing the records in ${articles}: ENOTDIR: not a directory, scandir '${articles}'`;
    assert.equal(result.stderr, `courier: ${message}\n`);
  });

  it('build on a folder whose manifest.json is a folder says so in one line and exits 1', async () => {
    const manifest = join(build.out, 'manifest.json');
    mkdirSync(manifest, { recursive: true });
    const result = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(result.status, 1);
    const message = `cannot read ${manifest}: EISDIR: illegal operation on a directory, read`;
    assert.equal(result.stderr, `courier: ${message}\n`);
  });

  it('a commit refused halfway (a folder where a feed goes) says so; the next build finishes publishing', async () => {
    await build.build();
    rmSync(join(build.out, 'rss.xml'));
    mkdirSync(join(build.out, 'rss.xml', 'someone-made-this'), { recursive: true });
    const refused = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(refused.status, 1);
    const outcome = 'the feeds are partly published, and the next build that can write finishes publishing them';
    // The build says how long it ran before it stopped: " (after 0.04 s)".
    const said = `courier: could not write the feeds to ${build.out}: EISDIR; ${outcome}`;
    assert.match(refused.stderr, new RegExp(`^${escapeRegExp(said)} \\(after \\d+\\.\\d+ s\\)\n$`));
    assert.ok(existsSync(join(build.out, '.staging', 'manifest.json')), 'the staged build waits to be finished');

    rmSync(join(build.out, 'rss.xml'), { recursive: true });
    const next = await courier(['build', '--content', build.content, '--out', build.out]);
    assert.equal(next.status, 0, next.stderr);
    assert.match(next.stderr, /interrupted while being published; finished publishing it/);
    const broken = wholeProblems(build.out);
    assert.equal(broken.length, 0, some(broken));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
