import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import type { BuildProgress } from '../../src/publish/progress.js';
import { recover } from '../../src/publish/recovery.js';
import { TempBuild } from '../helpers/build.js';
import { filesUnder } from '../helpers/feeds-folder.js';

describe('the feeds folder a new process finds', () => {
  let temp: TempBuild;
  beforeEach(() => (temp = new TempBuild()));
  afterEach(() => temp.remove());

  it("removes the temporary files an older version's killed writes left in the feed folders", async () => {
    await temp.build();
    const category = readdirSync(join(temp.out, 'categories'))[0] ?? '';
    const left = [join(temp.out, '.tmp-0a1b2c3d4e5f'), join(temp.out, 'categories', category, '.tmp-a1b2c3d4e5f6')];
    for (const path of left) writeFileSync(path, 'half a feed');
    const report = await temp.freshBuilder().build(Date.parse('2026-11-26T12:00:00Z'));
    assert.deepEqual(report.written, []);
    for (const path of left) assert.ok(!existsSync(path), `${path} left behind`);
  });

  it('removes the brotli variants an older version published, and leaves every other file as it was', async () => {
    await temp.build();
    const published = snapshot(temp.out);
    const legacy = olderVersionsBrotli(temp.out);
    const report = await temp.freshBuilder().build(Date.parse('2026-11-26T12:00:00Z'));
    assert.deepEqual(report.written, []);
    assert.deepEqual(report.removed, [...legacy].sort(), 'the summary counts them as removed');
    for (const path of legacy) assert.ok(!existsSync(join(temp.out, path)), `${path} left behind`);
    assert.deepEqual(snapshot(temp.out), published, 'the same files as a build of this version');
    const next = await temp.freshBuilder().build(Date.parse('2026-11-26T12:00:00Z'));
    assert.deepEqual([next.written, next.removed], [[], []], 'and the next build has nothing to do');
  });

  it("removes them too when it rolls forward a build that died publishing over an older version's folder", async () => {
    await temp.build();
    const published = snapshot(temp.out);
    const manifest = readFileSync(join(temp.out, 'manifest.json'), 'utf8');
    const legacy = olderVersionsBrotli(temp.out);
    // What a build that died between its renames leaves: its manifest staged, the older one still published.
    mkdirSync(join(temp.out, '.staging'));
    writeFileSync(join(temp.out, '.staging', 'manifest.json'), manifest);
    assert.equal(await recover(temp.out), 'rolled forward');
    for (const path of legacy) assert.ok(!existsSync(join(temp.out, path)), `${path} left behind`);
    assert.deepEqual(snapshot(temp.out), published);
  });
});

/**
 * Makes the folder what an older version published: a `.br` beside each file, listed in a version 2 manifest.
 * Returns the `.br` files' paths.
 */
function olderVersionsBrotli(out: string): string[] {
  const path = join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { version: number; files: Record<string, object> };
  const legacy: string[] = [];
  for (const [name, entry] of Object.entries(manifest.files)) {
    const br = brotliCompressSync(readFileSync(join(out, name)));
    writeFileSync(join(out, `${name}.br`), br);
    manifest.files[name] = { ...entry, br: { size: br.length, sha256: createHash('sha256').update(br).digest('hex') } };
    legacy.push(`${name}.br`);
  }
  writeFileSync(path, JSON.stringify({ ...manifest, version: 2 }, null, 2));
  return legacy;
}

/** Every file under the folder with its bytes. */
function snapshot(out: string): Map<string, string> {
  return new Map(filesUnder(out).map((name) => [name, readFileSync(join(out, name)).toString('base64')]));
}

describe('a build that writes files anew', () => {
  let temp: TempBuild;
  beforeEach(() => (temp = new TempBuild()));
  afterEach(() => temp.remove());

  it('stages each feed as soon as it is finished, before it builds the partner feeds, and publishes nothing until all are', async () => {
    const seen: string[][] = [];
    const progress = (at: BuildProgress) => {
      if (at.stage !== 'partner feeds') return;
      const staging = join(temp.out, '.staging');
      seen.push(existsSync(staging) ? readdirSync(staging, { recursive: true }).map(String) : []);
      seen.push(existsSync(temp.out) ? readdirSync(temp.out).filter((name) => name !== '.staging') : []);
    };
    await temp.buildAsProcess({ progress, bytesOnDemand: true });
    const [staged = [], published = []] = seen;
    for (const file of ['rss.xml', 'rss.xml.gz', 'atom.xml', 'feed.json', 'index.opml']) {
      assert.ok(staged.includes(file), `${file} staged`);
    }
    assert.ok(!staged.includes('manifest.json'), 'no manifest staged yet');
    assert.deepEqual(published, [], 'nothing published yet');
  });

  it('hands back, when it serves nothing, files whose bytes, read when asked for, are those it published and the manifest sizes', async () => {
    const report = await temp.buildAsProcess({ bytesOnDemand: true });
    const files = report.publication?.files ?? [];
    assert.ok(files.length > 10);
    for (const file of files) {
      assert.deepEqual(file.body, readFileSync(join(temp.out, file.path)), file.path);
      assert.deepEqual(file.gzip, readFileSync(join(temp.out, `${file.path}.gz`)), `${file.path}.gz`);
    }
    const onDisk = JSON.parse(readFileSync(join(temp.out, 'manifest.json'), 'utf8')) as {
      files: Record<string, { size: number }>;
    };
    for (const file of files) assert.equal(onDisk.files[file.path]?.size, file.body.length, file.path);
  });
});
