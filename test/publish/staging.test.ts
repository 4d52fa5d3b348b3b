import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildProgress } from '../../src/publish/progress.js';
import { TempBuild } from '../helpers/build.js';

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
});

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
    for (const file of ['rss.xml', 'rss.xml.gz', 'rss.xml.br', 'atom.xml', 'feed.json', 'index.opml']) {
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
