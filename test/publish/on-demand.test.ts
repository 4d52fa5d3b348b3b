import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_STAMPS_FILE, readFileStamps } from '../../src/publish/file-stamps.js';
import { readPreviousBuild } from '../../src/publish/previous-build.js';
import { TempBuild } from '../helpers/build.js';

const STORY = join('articles', '2026', '11', 'oman-talks.md');

describe('the published files a build that serves nothing reads only when it needs their bytes', () => {
  const folders: TempBuild[] = [];
  const stateOf = (temp: TempBuild) => join(temp.root, 'state');
  const asProcess = (temp: TempBuild, bytesOnDemand: boolean) =>
    temp.buildAsProcess({ stateDir: stateOf(temp), version: '1.0.0', bytesOnDemand });
  const onDemand = async (temp: TempBuild) =>
    readPreviousBuild(temp.out, await readFileStamps(join(stateOf(temp), FILE_STAMPS_FILE)), true);
  const published = async () => {
    const temp = new TempBuild();
    folders.push(temp);
    await asProcess(temp, false);
    return temp;
  };
  afterEach(() => {
    for (const temp of folders.splice(0)) temp.remove();
  });

  it('does not read a file known by its stamps until its bytes are asked for', async () => {
    const temp = await published();
    const found = await onDemand(temp);
    assert.equal(found.stamped, found.files.size);
    const file = found.files.get('rss.xml');
    assert.ok(file);
    assert.deepEqual(file.body, readFileSync(join(temp.out, 'rss.xml')), 'read when asked for');
    rmSync(join(temp.out, 'rss.xml.gz'));
    assert.throws(() => file.gzip, /ENOENT/, 'the gzip variant was not read before it was asked for');
  });

  it('fails, naming the file, when a variant changed size between the look at its stamps and the read', async () => {
    const temp = await published();
    const file = (await onDemand(temp)).files.get('atom.xml');
    assert.ok(file);
    writeFileSync(join(temp.out, 'atom.xml.gz'), 'not what was published');
    assert.throws(() => file.gzip, /atom\.xml\.gz changed on disk while the build ran/);
  });

  it('writes nothing when nothing changed, and after a change the same files and manifest as a build that read all', async () => {
    const [lazy, eager] = [await published(), await published()];
    assert.deepEqual((await asProcess(lazy, true)).written, []);
    for (const temp of [lazy, eager]) {
      const path = join(temp.content, STORY);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Talks Resume in Muscat'));
    }
    const [byLazy, byEager] = [await asProcess(lazy, true), await asProcess(eager, false)];
    assert.ok(byLazy.written.includes('rss.xml'));
    assert.deepEqual(byLazy.written, byEager.written);
    const manifest = (temp: TempBuild) => readFileSync(join(temp.out, 'manifest.json'), 'utf8');
    assert.equal(manifest(lazy), manifest(eager));
  });
});
