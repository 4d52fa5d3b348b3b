import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Builder } from '../../src/publish/builder.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { record } from '../helpers/content.js';

const HOUR = 3_600_000;

interface Variant {
  readonly size: number;
  readonly sha256: string;
}
/** manifest.json as the build writes it: each file's media type, size, hashes and Last-Modified, by path. */
interface Manifest {
  readonly files: Record<string, Variant & { type: string; lastModified: string; gzip: Variant }>;
}
const readManifest = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;

function snapshot(dir: string): Map<string, { bytes: string; mtimeMs: number }> {
  const files = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (statSync(path).isFile())
      files.set(name, { bytes: readFileSync(path).toString('base64'), mtimeMs: statSync(path).mtimeMs });
  }
  return files;
}

/** Every variant of every file in the manifest matches its hash, and nothing is staged or temporary. */
function assertWhole(out: string): void {
  const manifest = readManifest(out);
  for (const [path, entry] of Object.entries(manifest.files)) {
    assert.equal(sha256(readFileSync(join(out, path))), entry.sha256, path);
    assert.equal(sha256(readFileSync(join(out, `${path}.gz`))), entry.gzip.sha256, `${path}.gz`);
  }
  for (const name of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
    assert.ok(!name.startsWith('.staging') && !name.includes('.tmp-'), `${name} left behind`);
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the builder', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild();
  });
  afterEach(() => build.remove());

  it('gives the same bytes for the same content, in another process or an hour later, and writes nothing then', async () => {
    await build.build();
    const before = snapshot(build.out);
    const again = await build.freshBuilder().build(GOLDEN_NOW + HOUR);
    assert.deepEqual(again.written, []);
    assert.deepEqual(snapshot(build.out), before);
    const sameProcess = await build.build(GOLDEN_NOW + 2 * HOUR);
    assert.deepEqual(sameProcess.written, []);
    assert.deepEqual(snapshot(build.out), before);
  });

  it('gives the same folder, manifest and its Last-Modified dates included, in a cold build an hour later', async () => {
    await build.build();
    const elsewhere = join(build.root, 'elsewhere');
    await new Builder(build.content, elsewhere).build(GOLDEN_NOW + HOUR);
    assert.deepEqual(readManifest(elsewhere), readManifest(build.out));
    for (const path of ['index.html', 'feed.xsl']) assert.ok(readManifest(build.out).files[path], path);
  });

  it('parses no record and renders no feed again when nothing changed', async () => {
    const cold = await build.build();
    assert.equal(cold.parsed, 8);
    assert.equal(cold.rendered, cold.publication!.feeds.length);
    const warm = await build.build(GOLDEN_NOW + HOUR);
    assert.equal(warm.parsed, 0);
    assert.equal(warm.rendered, 0);
  });

  it('writes a feed, its .gz sibling and a manifest with hash, size, type and Last-Modified', async () => {
    await build.build();
    const entry = readManifest(build.out).files['rss.xml']!;
    assert.equal(entry.type, 'application/rss+xml; charset=utf-8');
    assert.equal(entry.size, statSync(join(build.out, 'rss.xml')).size);
    assert.match(entry.sha256, /^[0-9a-f]{64}$/);
    assert.equal(entry.lastModified, '2026-11-26T05:00:00.000Z', 'the newest article date, not the clock');
    for (const path of ['rss.xml.gz', 'feed.json.gz', 'index.opml.gz', 'categories/world/atom.xml.gz']) {
      assert.ok(statSync(join(build.out, path)).size > 0, path);
    }
    assert.ok(!existsSync(join(build.out, 'rss.xml.br')), 'no brotli variant');
  });

  it('rewrites only the feeds an edited article is in', async () => {
    await build.build();
    writeFileSync(
      join(build.content, 'articles/2026/11/persian.md'),
      readFileSync(join(build.content, 'articles/2026/11/persian.md'), 'utf8').replace('اصفهان', 'اصفهان!'),
    );
    const report = await build.build(GOLDEN_NOW + HOUR);
    const feeds = [...new Set(report.written.map((path) => path.replace(/[^/]*$/, '')))];
    assert.deepEqual(feeds.sort(), ['', 'authors/nasrin-karimi/', 'categories/culture/']);
    assert.equal(report.parsed, 1);
    assert.equal(report.rendered, 3);
  });

  it('told which records changed, looks at those alone; told of none, publishes what it published', async () => {
    await build.build();
    const path = join(build.content, 'articles/2026/11/persian.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('اصفهان', 'اصفهان!'));
    const told = await build.builder.build(GOLDEN_NOW + HOUR, []);
    assert.deepEqual([told.parsed, told.rendered, told.written], [0, 0, []], 'the edit unseen: nothing named it');
    const named = await build.builder.build(GOLDEN_NOW + HOUR, ['articles/2026/11/persian.md']);
    assert.equal(named.parsed, 1);
    assert.equal(named.rendered, 3);
  });

  it('told of a record an editor broke, keeps its last good version in every feed and names the file', async () => {
    await build.build();
    const path = join(build.content, 'articles/2026/11/persian.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: /m, 'title: [unclosed '));
    const report = await build.builder.build(GOLDEN_NOW + HOUR, ['articles/2026/11/persian.md']);
    assert.deepEqual(report.kept, ['articles/2026/11/persian.md']);
    assert.ok(report.problems.some((problem) => problem.file === 'articles/2026/11/persian.md'));
    assert.deepEqual(report.written, [], 'the feeds keep the story as it was');
  });

  it('moves Last-Modified forward when bytes change without a newer date, never back', async () => {
    const first = await build.build();
    const before = first.publication!.files.find((file) => file.path === 'rss.xml')!.lastModified;
    rmSync(join(build.content, 'articles/2026/11/oman-talks.md'));
    const later = GOLDEN_NOW + HOUR;
    // Its author's only story: a whole feed goes, which the guards hold until an operator says to publish.
    const second = await build.freshBuilder({ guards: { maxDropShare: 0.1, force: true } }).build(later);
    const after = second.publication!.files.find((file) => file.path === 'rss.xml')!.lastModified;
    assert.ok(after > before, 'removing the newest article still moves Last-Modified on');
    assert.equal(after, later);
  });

  it('holds back an embargoed article until the first build after its time', async () => {
    const embargo = Date.parse('2027-06-01T08:00:00Z');
    const early = await build.build(embargo - 1000);
    assert.doesNotMatch(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Summit opens/);
    assert.equal(early.publicArticles, 5);
    await build.build(embargo);
    assert.match(readFileSync(join(build.out, 'rss.xml'), 'utf8'), /Summit opens/);
  });

  it('never publishes drafts or retracted articles', async () => {
    await build.build();
    const all = readdirSync(build.out, { recursive: true, encoding: 'utf8' }).filter((name) =>
      /\.(xml|json)$/.test(name),
    );
    for (const name of all) {
      const text = readFileSync(join(build.out, name), 'utf8');
      assert.doesNotMatch(text, /Not ready|A story that was wrong/, name);
    }
  });

  it('leaves a bad record out, names it, and publishes every other article', async () => {
    writeFileSync(join(build.content, 'articles/2026/11/bad.md'), record('title: [not, text]\npublished: yesterday'));
    const report = await build.build();
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.problems.map((problem) => `${problem.file}: ${problem.field}`),
      ['articles/2026/11/bad.md: title', 'articles/2026/11/bad.md: published'],
    );
    assert.equal(report.publicArticles, 5);
  });

  it('keeps the previous feeds when the site settings become unusable', async () => {
    await build.build();
    const before = snapshot(build.out);
    writeFileSync(join(build.content, 'site.yaml'), 'title: [broken');
    const report = await build.build(GOLDEN_NOW + HOUR);
    assert.equal(report.ok, false);
    assert.match(report.problems[0]!.message, /expected valid YAML/);
    assert.deepEqual(snapshot(build.out), before);
  });

  it('leaves the previous build published when a build fails half way, and finishes the next one whole', async () => {
    await build.build();
    const before = snapshot(build.out);
    writeFileSync(
      join(build.content, 'articles/2026/11/new.md'),
      record('title: Breaking\npublished: "2026-11-26T10:00:00Z"\ncategories: [World]'),
    );
    // atom.xml cannot be replaced by a file now, so the build fails after some files were published.
    rmSync(join(build.out, 'categories/world/atom.xml'));
    mkdirSync(join(build.out, 'categories/world/atom.xml/blocker'), { recursive: true });
    await assert.rejects(build.build(GOLDEN_NOW + HOUR), /could not write the feeds to/);
    for (const name of snapshot(build.out).keys()) {
      if (name.startsWith('.staging/')) continue; // the staged build, kept to be rolled forward
      assert.ok(
        before.has(name) || name.startsWith('categories/world/atom.xml'),
        `${name} is not a file of the previous build`,
      );
    }
    assert.deepEqual(
      before.get('manifest.json'),
      snapshot(build.out).get('manifest.json'),
      'the manifest still describes the previous build',
    );
    rmSync(join(build.out, 'categories/world/atom.xml'), { recursive: true });
    await build.build(GOLDEN_NOW + HOUR);
    assertWhole(build.out);
  });

  it('reports a manifest it cannot read, names it, and writes every file again', async () => {
    await build.build();
    writeFileSync(join(build.out, 'manifest.json'), '{"version": 1, "files": {');
    const report = await build.freshBuilder().build(GOLDEN_NOW + HOUR);
    assert.equal(report.ok, true);
    assert.match(
      report.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n'),
      /^manifest\.json: \(file\): expected the manifest/m,
    );
    assert.equal(report.written.length, report.publication!.files.length);
    JSON.parse(readFileSync(join(build.out, 'manifest.json'), 'utf8'));
  });
});
