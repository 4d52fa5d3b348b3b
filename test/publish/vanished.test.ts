import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentChanges } from '../../src/content/load.js';
import { formatProblem, type Problem } from '../../src/content/problem.js';
import { Builder } from '../../src/publish/builder.js';
import type { BuildProgress } from '../../src/publish/progress.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';

const OMAN = 'articles/2026/11/oman-talks.md';

describe('a record whose file goes while the build reads the bodies (deleted, renamed, a checkout under way)', () => {
  let temp: TempBuild;
  /** A builder that calls `meanwhile` each time a build is done reading records, before it renders. */
  const builderDoing = (meanwhile: () => void) => {
    let reading = false;
    return new Builder(temp.content, temp.out, {
      guards: { maxDropShare: 1, force: true },
      progress: ({ stage }: BuildProgress) => {
        if (reading && stage !== 'reading records') meanwhile();
        reading = stage === 'reading records';
      },
    });
  };
  const build = async (builder: Builder, changes: ContentChanges = 'unknown') => {
    try {
      return await builder.build(GOLDEN_NOW, changes);
    } finally {
      await builder.close();
    }
  };
  const siteFeed = () => readFileSync(join(temp.out, 'rss.xml'), 'utf8');
  const warnings = (problems: readonly Problem[]) =>
    problems.filter((problem) => problem.field === '(file)').map(formatProblem);

  beforeEach(() => {
    temp = new TempBuild();
  });
  afterEach(() => temp.remove());

  it('is left out of a build made again at once, which publishes every other article and names the file', async () => {
    let deleted = false;
    const report = await build(
      builderDoing(() => {
        if (!deleted) rmSync(join(temp.content, OMAN));
        deleted = true;
      }),
    );
    assert.equal(report.ok, true);
    assert.ok(!siteFeed().includes('Oman Hosts Talks'));
    assert.ok(siteFeed().includes('<item>'));
    const said = warnings(report.problems);
    assert.equal(said.length, 1);
    assert.match(said[0] ?? '', /oman-talks\.md.*found it gone: built again/);
  });

  it('is published under its new name when the build looked at every record', async () => {
    let renamed = false;
    const report = await build(
      builderDoing(() => {
        if (!renamed) renameSync(join(temp.content, OMAN), join(temp.content, 'articles/2026/11/oman-talks-2.md'));
        renamed = true;
      }),
    );
    assert.equal(report.ok, true);
    assert.ok(siteFeed().includes('Oman Hosts Talks'));
  });

  it('is looked at again by a build told only which records changed, as the watch tells it', async () => {
    const fresh = 'articles/2026/11/fresh.md';
    let armed = false;
    const builder = builderDoing(() => {
      if (armed) rmSync(join(temp.content, fresh));
      armed = false;
    });
    await builder.build(GOLDEN_NOW); // its own look at every record, nothing gone
    const oman = readFileSync(join(temp.content, OMAN), 'utf8');
    writeFileSync(
      join(temp.content, fresh),
      oman.replace(/^title: .*$/m, 'title: A Fresh Story').replace(/^id: .*$/m, ''),
    );
    armed = true;
    const report = await build(builder, [fresh]);
    assert.equal(report.ok, true);
    assert.ok(!siteFeed().includes('A Fresh Story'));
    assert.ok(siteFeed().includes('Oman Hosts Talks'));
    assert.match(warnings(report.problems).join('\n'), /fresh\.md.*found it gone/);
  });

  it('fails the build, naming the file, when a record keeps going build after build', async () => {
    const names = [OMAN, 'articles/2026/11/oman-talks-2.md'].map((name) => join(temp.content, name));
    let moves = 0;
    const builder = builderDoing(() => {
      renameSync(names[moves % 2] ?? '', names[(moves + 1) % 2] ?? '');
      moves += 1;
    });
    await assert.rejects(build(builder), /oman-talks(-2)?\.md was gone when the build read its body/);
    assert.equal(moves, 4);
  });
});
