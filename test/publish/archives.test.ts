import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isArchivePath } from '../../src/model/archive.js';
import type { BuildReport } from '../../src/publish/report.js';
import { checkFeed, report } from '../conformance/check.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';

const FORMATS = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' } as const;
const archivesOf = (built: BuildReport) => (built.publication?.archives ?? []).map((file) => file.path);

describe('archive documents of the golden content, with feeds of one item', () => {
  let build: TempBuild;
  let first: BuildReport;
  before(async () => {
    build = new TempBuild();
    const site = join(build.content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('items_per_feed: 50', 'items_per_feed: 1'));
    first = await build.build();
  });
  after(() => build.remove());

  it('publishes an archive page of every feed with more articles than it shows, hostile text and all, by the rules', async () => {
    const archives = archivesOf(first);
    assert.ok(archives.includes(archives.find((path) => /^archive\/p1\/[0-9a-f]{12}\/rss\.xml$/.test(path))!));
    assert.ok(archives.some((path) => path.startsWith('categories/')));
    const violations = await Promise.all(
      archives.map((path) => {
        const format = FORMATS[path.replace(/^.*\//, '') as keyof typeof FORMATS];
        return checkFeed(readFileSync(join(build.out, path), 'utf8'), path, format);
      }),
    );
    assert.equal(report(violations.flat()), '');
    const live = readFileSync(join(build.out, 'rss.xml'), 'utf8');
    const page = archives.find((path) => /^archive\/p1\/[0-9a-f]{12}\/rss\.xml$/.test(path))!;
    assert.ok(
      live.includes(`href="https://news.test.example/feeds/${page}" rel="prev-archive"`),
      'linked from the feed',
    );
  });

  it('writes nothing again for the same content, in the same process or in a new one', async () => {
    assert.deepEqual((await build.build()).written, []);
    const restarted = await build.freshBuilder().build(GOLDEN_NOW);
    assert.deepEqual(restarted.written, []);
    assert.deepEqual(archivesOf(restarted), archivesOf(first));
  });

  it('moves a corrected page to a new version, removes the old one and its folder, and is not held for it', async () => {
    const before = archivesOf(await build.build());
    appendFileSync(join(build.content, 'articles/2026/11/oman-talks.md'), '\nCorrection: the talks are in Muscat.\n');
    const after = await build.build();
    assert.equal(after.held, undefined);
    const moved = before.filter((path) => !archivesOf(after).includes(path));
    assert.ok(moved.length >= 3, 'the pages that hold the article, in three formats');
    for (const path of moved) {
      assert.ok(after.removed.includes(path), `${path} removed`);
      assert.ok(!existsSync(join(build.out, path.replace(/[^/]*$/, ''))), `the folder of ${path} is gone`);
    }
    const written = after.written.filter(isArchivePath);
    assert.equal(written.length, moved.length, 'as many pages written as moved');
    assert.ok(readdirSync(build.out).includes('archive'));
  });
});

describe('archive keys in the state folder, for a new process', () => {
  let build: TempBuild;
  let state: string;
  let first: BuildReport;
  const fresh = (version?: string) =>
    build.buildAsProcess({ stateDir: state, ...(version !== undefined && { version }) });
  before(async () => {
    build = new TempBuild();
    state = join(build.root, 'state');
    const site = join(build.content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace('items_per_feed: 50', 'items_per_feed: 1'));
    first = await fresh();
    assert.ok(archivesOf(first).length > 3);
  });
  after(() => build.remove());

  it('let a new process with nothing changed render no page and write nothing', async () => {
    const again = await fresh();
    assert.equal(again.rendered, 0);
    assert.deepEqual(again.problems, [], 'archive files found whole are no torn files');
    assert.deepEqual(again.written, []);
    assert.deepEqual(archivesOf(again), archivesOf(first));
  });

  it('render every page again for a new Courier version, at the same addresses, writing nothing', async () => {
    const upgraded = await fresh('99.0.0');
    assert.ok(upgraded.rendered >= archivesOf(first).length / 3);
    assert.deepEqual(upgraded.written, []);
    assert.deepEqual(archivesOf(upgraded), archivesOf(first));
  });

  it('are ignored when damaged, said once, and every page is rendered again to the same bytes', async () => {
    writeFileSync(join(state, 'archive-keys.json'), '{"schema": 1, "pages": ');
    const repaired = await fresh();
    assert.ok(repaired.problems.some((p) => p.field === '(archive keys)' && p.message.includes('damaged')));
    assert.deepEqual(repaired.written, []);
    assert.deepEqual(archivesOf(repaired), archivesOf(first));
    assert.equal((await fresh()).rendered, 0);
  });

  it('render and write again a page whose file is gone from the feeds folder', async () => {
    const gone = archivesOf(first).find((path) => /^archive\/p1\/[0-9a-f]{12}\/atom\.xml$/.test(path))!;
    rmSync(join(build.out, gone));
    const restored = await fresh();
    assert.ok(restored.written.includes(gone));
    assert.deepEqual(archivesOf(restored), archivesOf(first));
    assert.ok(existsSync(join(build.out, gone)));
  });

  it('render the pages of a changed record again, and move them', async () => {
    appendFileSync(join(build.content, 'articles/2026/11/oman-talks.md'), '\nCorrection: the talks are in Muscat.\n');
    const changed = await fresh();
    assert.ok(changed.rendered > 0);
    const moved = archivesOf(first).filter((path) => !archivesOf(changed).includes(path));
    assert.ok(moved.length >= 3 && moved.every((path) => changed.removed.includes(path)));
    assert.equal((await fresh()).rendered, 0);
  });
});

describe('archives turned off in the site settings', () => {
  it('publish no archive document and no prev-archive link, remove those published, and come back when on', async () => {
    const build = new TempBuild();
    try {
      const site = join(build.content, 'site.yaml');
      const settings = readFileSync(site, 'utf8').replace('items_per_feed: 50', 'items_per_feed: 1');
      writeFileSync(site, settings);
      const on = await build.build();
      assert.ok(archivesOf(on).length > 0);
      writeFileSync(site, `${settings}archives: false\n`);
      const off = await build.build();
      assert.deepEqual(archivesOf(off), []);
      assert.ok(archivesOf(on).every((path) => off.removed.includes(path) && !existsSync(join(build.out, path))));
      assert.doesNotMatch(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /prev-archive/);
      assert.doesNotMatch(readFileSync(join(build.out, 'index.opml'), 'utf8'), /Older articles/);
      writeFileSync(site, settings);
      assert.deepEqual(archivesOf(await build.build()), archivesOf(on));
    } finally {
      build.remove();
    }
  });
});
