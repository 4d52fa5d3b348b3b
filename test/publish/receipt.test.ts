import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildReceipts, RECEIPT_FILE, setupDigest } from '../../src/publish/receipt.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { courier } from '../cli/courier.js';

const UNCHANGED =
  /^courier: nothing changed since the last build: 5 public articles, 45 files, 0 written, 0 removed, 0 problems in \d+\.\d\d s\n$/;
const BUILT = /^courier: \d+ public articles, \d+ files, \d+ written, \d+ removed, \d+ problems in /;
const RECORD = 'articles/2026/11/oman-talks.md';
const EMBARGO_ENDS = Date.parse('2027-06-01T08:00:00Z');

describe('a build receipt', () => {
  let build: TempBuild;
  const state = () => join(build.root, '.courier-state');
  const run = (now = GOLDEN_NOW) => courier(['build', '--content', build.content, '--out', build.out], {}, now);
  const builtOnce = async () => {
    const first = await run();
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, BUILT);
  };
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('lets a new process with nothing changed say so without building, leaving every file as it was', async () => {
    await builtOnce();
    const rss = join(build.out, 'rss.xml');
    const before = statSync(rss);
    const second = await run(GOLDEN_NOW + 60_000);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, UNCHANGED);
    assert.equal(statSync(rss).mtimeMs, before.mtimeMs);
    assert.equal(statSync(rss).ino, before.ino);
  });

  it('is not taken when a record was changed, and the change is published', async () => {
    await builtOnce();
    const file = join(build.content, RECORD);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Oman Hosts Talks', 'Oman Hosts New Talks'));
    const second = await run();
    assert.match(second.stdout, /^courier: 5 public articles, 45 files, [1-9]\d* written/);
    assert.match(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Oman Hosts New Talks/);
  });

  it('is not taken when a record was renamed, deleted or added', async () => {
    await builtOnce();
    const file = join(build.content, RECORD);
    const renamed = join(build.content, 'articles/2026/11/oman-talks-renamed.md');
    renameSync(file, renamed);
    // Its id follows its file: the build warns that readers would see it twice, and so leaves no receipt.
    const warned = await run();
    assert.match(warned.stdout, BUILT);
    assert.match(warned.stderr, /oman-talks-renamed\.md: id: this story was published as/);
    assert.match((await run()).stdout, BUILT);
    assert.match((await run()).stdout, UNCHANGED);
    const other = join(build.content, 'articles/2026/11/long-title.md');
    const otherText = readFileSync(other, 'utf8');
    rmSync(other);
    assert.match((await run()).stdout, /^courier: 4 public articles, /);
    assert.doesNotMatch(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /A very long title/);
    writeFileSync(other, otherText);
    assert.match((await run()).stdout, /^courier: 5 public articles, .* 0 problems/);
    assert.match(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /A very long title/);
  });

  it('is not taken when the site settings changed', async () => {
    await builtOnce();
    const site = join(build.content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('Stories for tests.', 'Other stories.'));
    assert.match((await run()).stdout, BUILT);
    assert.match(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Other stories\./);
  });

  it('is not taken when a published file was removed or edited: the build puts it back', async () => {
    await builtOnce();
    const rss = join(build.out, 'rss.xml');
    const whole = readFileSync(rss);
    writeFileSync(rss, whole.subarray(0, 100));
    assert.match((await run()).stdout, BUILT);
    assert.deepEqual(readFileSync(rss), whole);
    rmSync(join(build.out, 'atom.xml.gz'));
    assert.match((await run()).stdout, BUILT);
    assert.ok(existsSync(join(build.out, 'atom.xml.gz')));
  });

  it('is not taken when the state folder changed (a cache removed)', async () => {
    await builtOnce();
    rmSync(join(state(), 'parse-cache.json'));
    assert.match((await run()).stdout, BUILT);
    assert.match((await run()).stdout, UNCHANGED);
  });

  it('is not taken once the clock reaches a release: the embargoed article is published', async () => {
    await builtOnce();
    const released = await run(EMBARGO_ENDS);
    assert.match(released.stdout, /^courier: 6 public articles, /);
    assert.match(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Summit opens/);
  });

  it('holds until the next change by the clock, and not for a clock stepped back before its build', async () => {
    await builtOnce();
    const { until } = JSON.parse(readFileSync(join(state(), RECEIPT_FILE), 'utf8')) as { until: number };
    assert.ok(until > GOLDEN_NOW && until <= EMBARGO_ENDS, `until ${new Date(until).toISOString()}`);
    assert.match((await run(until - 1)).stdout, UNCHANGED);
    assert.match((await run(GOLDEN_NOW - 1000)).stdout, BUILT);
    assert.match((await run(until)).stdout, BUILT);
  });

  it('is not left by a build with a problem, so the next build says the problem again', async () => {
    await builtOnce();
    const file = join(build.content, RECORD);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^published: .*$/m, 'published: not a date'));
    const broken = await run();
    assert.equal(broken.status, 1);
    assert.ok(!existsSync(join(state(), RECEIPT_FILE)));
    const again = await run();
    assert.match(again.stderr, /oman-talks\.md/);
    assert.match(again.stdout, BUILT);
  });

  it('is not taken when it is torn, and a build writes a whole one', async () => {
    await builtOnce();
    const receipt = join(state(), RECEIPT_FILE);
    writeFileSync(receipt, readFileSync(receipt, 'utf8').slice(0, 40));
    assert.match((await run()).stdout, BUILT);
    assert.match((await run()).stdout, UNCHANGED);
  });

  it('holds only for the code, Node and options it was made with', async () => {
    await builtOnce();
    const folders = { contentDir: build.content, feedsDir: build.out, stateDir: state() };
    const options = { threads: 0 };
    const content = new BuildReceipts(folders, 'x').contentNow();
    assert.notEqual(content, undefined);
    for (const [version, other] of [
      ['0.1.0', { threads: 2 }],
      ['0.2.0', options],
    ] as const) {
      assert.notEqual(setupDigest(version, other), setupDigest('0.1.0', options));
    }
    assert.equal(new BuildReceipts(folders, setupDigest('9.9.9', options)).holding(GOLDEN_NOW, content), undefined);
  });
});
