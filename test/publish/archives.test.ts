import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
