import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { courier } from './courier.js';

describe('courier new', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('writes a draft whose id is pinned, which check accepts and no feed shows yet', async () => {
    const made = await courier(['new', 'Talks resume: day two', '--category', 'World', '--content', build.content]);
    assert.equal(made.status, 0, made.stderr);
    assert.equal(made.stdout, 'articles/2026/11/talks-resume-day-two.md\n');
    const text = readFileSync(join(build.content, 'articles/2026/11/talks-resume-day-two.md'), 'utf8');
    assert.match(text, /^id: "tag:news\.test\.example,2026:articles\/2026\/11\/talks-resume-day-two"$/m);
    assert.match(text, /^title: "Talks resume: day two"$/m);
    assert.match(text, /^status: draft$/m);
    assert.equal((await courier(['check', '--content', build.content])).status, 0);
  });

  it('never replaces a record that exists', async () => {
    await courier(['new', 'Same', '--content', build.content]);
    const again = await courier(['new', 'Same', '--content', build.content]);
    assert.equal(again.status, 1);
    assert.equal(again.stderr, 'courier: articles/2026/11/same.md exists already: choose another title\n');
  });
});

describe('courier build and the publish guards', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('exits 1 and says why when a guard holds the build, and publishes with --force', async () => {
    const args = ['build', '--content', build.content, '--out', build.out];
    assert.equal((await courier(args)).status, 0);
    rmSync(join(build.content, 'articles'), { recursive: true });
    const held = await courier(args, {}, GOLDEN_NOW + 1000);
    assert.equal(held.status, 1);
    assert.match(held.stdout, /^courier: held, nothing published: the articles folder is missing/m);
    assert.match(held.stderr, /courier build --force/);
    const forced = await courier([...args, '--force'], {}, GOLDEN_NOW + 1000);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /^courier: 0 public articles/m);
  });
});

describe('courier status', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('prints what the running service knows and the public health does not: problems, kept records', async () => {
    writeFileSync(
      join(build.content, 'articles/2026/11/bad.md'),
      '---\ntitle: [a, b]\npublished: 2026-11-01\n---\n\nBody\n',
    );
    const env = { PORT: '0', HOST: '127.0.0.1' };
    const served = await courier(['serve', '--content', build.content, '--out', build.out], env, Date.now());
    try {
      const status = await courier(['status', '--out', build.out], {}, Date.now());
      assert.equal(status.status, 0, status.stderr);
      assert.match(status.stdout, /^status: ok \(written \S+, \d+ s ago, by pid \d+\)$/m);
      assert.match(status.stdout, /articles\/2026\/11\/bad\.md: title: expected plain text/);
    } finally {
      await Promise.all(served.services.map((close) => close()));
    }
  });

  it('says there is no status when no service has run with that state folder', async () => {
    const status = await courier(['status', '--out', build.out]);
    assert.equal(status.status, 2);
    assert.match(status.stderr, /^courier: no status in .*\.courier-state: is `courier serve` running/);
  });
});
