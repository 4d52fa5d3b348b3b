import assert from 'node:assert/strict';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_STAMPS_FILE, readFileStamps } from '../../src/publish/file-stamps.js';
import { readPreviousBuild } from '../../src/publish/previous-build.js';
import { TempBuild } from '../helpers/build.js';

describe('the stamps of the published files, kept so a new process need not hash them', () => {
  let temp: TempBuild;
  let state: string;
  const stampsPath = () => join(state, FILE_STAMPS_FILE);
  const previous = async () => readPreviousBuild(temp.out, await readFileStamps(stampsPath()));
  const newProcess = () => temp.buildAsProcess({ stateDir: state, version: '1.0.0' });

  beforeEach(async () => {
    temp = new TempBuild();
    state = join(temp.root, 'state');
    await newProcess();
  });
  afterEach(() => temp.remove());

  it('knows every file the last build published by its stamps, and hashes none', async () => {
    const found = await previous();
    assert.ok(found.files.size > 10);
    assert.equal(found.stamped, found.files.size);
    const report = await newProcess();
    assert.deepEqual([report.written, report.problems], [[], []]);
  });

  it('hashes a file put in place of a published one, finds it torn, and writes the published bytes again', async () => {
    const path = join(temp.out, 'rss.xml');
    const published = readFileSync(path);
    const other = Buffer.from(published.toString('latin1').replace('<title>', '<titlf>'), 'latin1');
    assert.equal(other.length, published.length, 'the same size: only its stamp tells it apart');
    writeFileSync(`${path}.new`, other);
    renameSync(`${path}.new`, path);
    const found = await previous();
    assert.ok(!found.files.has('rss.xml'), 'torn');
    const report = await newProcess();
    assert.ok(report.written.includes('rss.xml'));
    assert.deepEqual(readFileSync(path), published);
  });

  it('hashes a file edited where it is (its mtime moved), finds it torn, and writes it again', async () => {
    const path = join(temp.out, 'feed.json');
    const published = readFileSync(path);
    writeFileSync(path, Buffer.from(published.toString('latin1').replace('"title"', '"titlf"'), 'latin1'));
    assert.equal(statSync(path).size, published.length);
    assert.ok(!(await previous()).files.has('feed.json'));
    assert.ok((await newProcess()).written.includes('feed.json'));
    assert.deepEqual(readFileSync(path), published);
  });

  it('hashes every file when the stamps are damaged, and loses nothing', async () => {
    writeFileSync(stampsPath(), '{"schema": 1, "files": [tor');
    const found = await previous();
    assert.equal(found.stamped, 0);
    assert.ok(found.files.size > 10, 'every file found whole by its hashes');
    const report = await newProcess();
    assert.deepEqual(report.written, []);
    assert.equal((await previous()).stamped, found.files.size, 'the stamps kept again');
  });
});
