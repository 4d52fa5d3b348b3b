import assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../src/content/problem.js';
import type { BuilderOptions } from '../../src/publish/builder.js';
import type { BuildReport } from '../../src/publish/report.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';

const HOUR = 3_600_000;
const ARTICLES = 'articles/2026/11';

/** Every file of the feeds folder with its bytes: what readers would get. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path).toString('base64'));
  }
  return files;
}

const problemsOf = (report: BuildReport) => report.problems.map(formatProblem).join('\n');

describe('the publish guards', () => {
  let build: TempBuild;
  let options: BuilderOptions;
  /** A builder as a new process would have, remembering through the state folder only. */
  const fresh = (force = false) =>
    build.freshBuilder({ ...options, guards: { maxDropShare: 0.1, force } }).build(GOLDEN_NOW + HOUR);

  beforeEach(async () => {
    build = new TempBuild();
    options = { stateDir: join(build.root, 'state') };
    await build.freshBuilder(options).build(GOLDEN_NOW);
  });
  afterEach(() => build.remove());

  it('hold a build that finds the articles folder gone, publish nothing, and let it through once it is back', async () => {
    const before = snapshot(build.out);
    renameSync(join(build.content, 'articles'), join(build.root, 'elsewhere'));
    const held = await fresh();
    assert.match(held.held ?? '', /the articles folder is missing, and the last build published \d+ articles/);
    assert.equal(held.publication, undefined);
    assert.deepEqual(snapshot(build.out), before, 'the last good feeds stay as they were');
    renameSync(join(build.root, 'elsewhere'), join(build.content, 'articles'));
    const back = await fresh();
    assert.equal(back.held, undefined);
    assert.deepEqual(snapshot(build.out), before, 'the same content gives the same bytes');
  });

  it('hold a build that finds the articles folder empty', async () => {
    for (const name of readdirSync(join(build.content, 'articles')))
      rmSync(join(build.content, 'articles', name), { recursive: true });
    assert.match((await fresh()).held ?? '', /the articles folder is empty/);
  });

  it('hold a build that would drop more than the allowed share of public articles, unless forced', async () => {
    rmSync(join(build.content, ARTICLES, 'persian.md'));
    rmSync(join(build.content, ARTICLES, 'correction.md'));
    const held = await fresh();
    assert.match(held.held ?? '', /it would drop 2 of \d+ public articles \(\d+ %\), more than the 10 % allowed/);
    assert.match(problemsOf(held), /courier build --force/);
    const forced = await fresh(true);
    assert.equal(forced.held, undefined);
    assert.ok(forced.written.length > 0);
  });

  it('never hold a deliberate retraction', async () => {
    const path = join(build.content, ARTICLES, 'persian.md');
    const retracted = readFileSync(path, 'utf8').replace(
      'language: fa',
      'language: fa\nstatus: retracted\nretracted_at: "2026-11-25T00:00:00Z"\nretraction_note: Withdrawn.',
    );
    writeFileSync(path, retracted);
    const report = await fresh();
    assert.equal(report.held, undefined, problemsOf(report));
  });

  it('hold a build that would remove a whole feed', async () => {
    rmSync(join(build.content, ARTICLES, 'persian.md'));
    assert.match((await fresh()).held ?? '', /it would remove \d+ whole feed\(s\): .*categories\/culture\//);
  });
});

describe('a record that turns invalid', () => {
  let build: TempBuild;
  let options: BuilderOptions;
  beforeEach(async () => {
    build = new TempBuild();
    options = { stateDir: join(build.root, 'state') };
    await build.freshBuilder(options).build(GOLDEN_NOW);
  });
  afterEach(() => build.remove());

  const breakRecord = () => {
    const path = join(build.content, ARTICLES, 'correction.md');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('title: Plant Doubles Output', 'titel: Plant Doubles Output!'),
    );
  };

  it('keeps its last good version in every feed, named as kept, in this process and in a new one', async () => {
    const before = snapshot(build.out);
    const builder = build.freshBuilder(options);
    await builder.build(GOLDEN_NOW);
    breakRecord();
    for (const report of [
      await builder.build(GOLDEN_NOW + HOUR),
      await build.freshBuilder(options).build(GOLDEN_NOW + HOUR),
    ]) {
      assert.deepEqual(report.kept, [`${ARTICLES}/correction.md`]);
      assert.match(problemsOf(report), /correction\.md: titel: unknown field/);
      assert.match(problemsOf(report), /warning: .*correction\.md: \(record\): kept at its last good version/);
      assert.deepEqual(snapshot(build.out), before, 'every feed still holds the story as it was');
    }
  });

  it("in bulk (every record's published renamed), changes no feed and names every record, in a new process too", async () => {
    const before = snapshot(build.out);
    const folder = join(build.content, ARTICLES);
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^published:/m, 'publshed:'));
    }
    const report = await build.freshBuilder(options).build(GOLDEN_NOW + HOUR);
    assert.equal(report.held, undefined);
    assert.ok(report.kept.length >= 5, `kept: ${report.kept.join(', ')}`);
    assert.deepEqual(snapshot(build.out), before, 'readers see every story as it was');
  });

  it('stays out once its file is removed on purpose', async () => {
    rmSync(join(build.content, ARTICLES, 'correction.md'));
    const report = await build
      .freshBuilder({ ...options, guards: { maxDropShare: 0.1, force: true } })
      .build(GOLDEN_NOW + HOUR);
    assert.deepEqual(report.kept, []);
    assert.doesNotMatch(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Plant Doubles Output/);
  });
});

describe('the identity checks', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('warn when a published story comes back under another id, as after a rename', async () => {
    const options = { stateDir: join(build.root, 'state') };
    await build.freshBuilder(options).build(GOLDEN_NOW);
    renameSync(join(build.content, ARTICLES, 'persian.md'), join(build.content, ARTICLES, 'persian-renamed.md'));
    const report = await build.freshBuilder(options).build(GOLDEN_NOW + HOUR);
    const warning =
      /^warning: articles\/2026\/11\/persian-renamed\.md: id: this story was published as (tag:\S+persian) .*add "id: \1"/m;
    assert.match(problemsOf(report), warning);
  });

  it('warn of a published date more than a year ahead', async () => {
    writeFileSync(join(build.content, ARTICLES, 'typo.md'), record('title: Typo\npublished: "2062-11-26T10:00:00Z"'));
    const report = await build.build(GOLDEN_NOW);
    assert.match(
      problemsOf(report),
      /^warning: articles\/2026\/11\/typo\.md: published: published is more than a year ahead/m,
    );
  });
});
