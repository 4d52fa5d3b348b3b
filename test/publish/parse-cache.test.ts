import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../../src/content/problem.js';
import { PARSE_CACHE_FILE } from '../../src/content/parse-cache.js';
import { FEED_KEYS_FILE } from '../../src/publish/feed-keys.js';
import type { BuildReport } from '../../src/publish/report.js';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';

/** Every file of a folder, path to bytes (base64). */
function filesOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path).toString('base64'));
  }
  return files;
}

const OMAN = 'articles/2026/11/oman-talks.md';

describe('the caches a build keeps in the state folder', () => {
  let temp: TempBuild;
  let state: string;
  /** How many records the first build parsed: all of them. */
  let all: number;
  /** A build by a builder of its own: what a new `courier build` process does. */
  // Forced: deleting a record of this small archive removes a whole category feed, which the guards would hold.
  const newProcess = (version = '1.0.0'): Promise<BuildReport> =>
    temp.buildAsProcess({ stateDir: state, version, guards: { maxDropShare: 1, force: true } });
  const warningsOf = (report: BuildReport) =>
    report.problems.filter((p) => p.field === '(parse cache)' || p.field === '(feed keys)').map(formatProblem);

  beforeEach(async () => {
    temp = new TempBuild();
    state = join(temp.root, 'state');
    all = (await newProcess()).parsed;
    assert.ok(all > 0);
  });
  afterEach(() => temp.remove());

  it('lets a new process with nothing changed parse no record, render no feed and write nothing', async () => {
    const before = filesOf(temp.out);
    const report = await newProcess();
    assert.equal(report.parsed, 0);
    assert.equal(report.rendered, 0);
    assert.deepEqual(report.written, []);
    assert.deepEqual(warningsOf(report), []);
    assert.deepEqual(filesOf(temp.out), before);
  });

  it('saves the cache after the build, in the background: closing the builder waits for it', async () => {
    rmSync(join(state, PARSE_CACHE_FILE));
    const builder = temp.freshBuilder({ stateDir: state, version: '1.0.0' });
    await builder.build(GOLDEN_NOW);
    assert.deepEqual(await builder.close(), []);
    assert.ok(existsSync(join(state, PARSE_CACHE_FILE)));
    assert.equal((await newProcess()).parsed, 0);
  });

  it('says so when the cache cannot be saved, in the next report or when closing, and builds all the same', async () => {
    rmSync(join(state, PARSE_CACHE_FILE));
    mkdirSync(join(state, PARSE_CACHE_FILE, 'in-the-way'), { recursive: true });
    const builder = temp.freshBuilder({ stateDir: state, version: '1.0.0' });
    assert.equal((await builder.build(GOLDEN_NOW)).ok, true);
    const path = join(temp.content, OMAN);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Talks resume, once more'));
    const next = await builder.build(GOLDEN_NOW);
    assert.match(warningsOf(next).join('\n'), /could not save the parse cache/);
    assert.match((await builder.close()).map(formatProblem).join('\n'), /could not save the parse cache/);
  });

  it('parses a changed record again and publishes its new text', async () => {
    const path = join(temp.content, OMAN);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Talks resume in Muscat, changed'));
    const report = await newProcess();
    assert.equal(report.parsed, 1);
    assert.match(readFileSync(join(temp.out, 'rss.xml'), 'utf8'), /Talks resume in Muscat, changed/);
  });

  it('parses a renamed record under its new name, and publishes it from there', async () => {
    const renamed = 'articles/2026/11/oman-talks-renamed.md';
    renameSync(join(temp.content, OMAN), join(temp.content, renamed));
    const report = await newProcess();
    assert.equal(report.parsed, 1);
    const fresh = await temp.freshBuilder().check(GOLDEN_NOW);
    const files = fresh.articles.map((article) => article.file);
    assert.ok(files.includes(renamed));
    assert.ok(!files.includes(OMAN));
  });

  it('drops a deleted record from the feeds without parsing anything', async () => {
    const title = /^title: (.*)$/m.exec(readFileSync(join(temp.content, OMAN), 'utf8'))?.[1] ?? '';
    assert.match(readFileSync(join(temp.out, 'atom.xml'), 'utf8'), new RegExp(title.slice(0, 20)));
    rmSync(join(temp.content, OMAN));
    const report = await newProcess();
    assert.equal(report.parsed, 0);
    assert.doesNotMatch(readFileSync(join(temp.out, 'atom.xml'), 'utf8'), new RegExp(title.slice(0, 20)));
  });

  it('parses every record again for a new Courier version', async () => {
    assert.equal((await newProcess('1.0.1')).parsed, all);
    assert.equal((await newProcess('1.0.1')).parsed, 0);
  });

  it('parses every record again, and renders every feed, when the site settings change', async () => {
    const site = join(temp.content, 'site.yaml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^copyright: .*$/m, 'copyright: © Changed'));
    const report = await newProcess();
    assert.equal(report.parsed, all);
    assert.ok(report.rendered > 0);
    assert.match(readFileSync(join(temp.out, 'rss.xml'), 'utf8'), /© Changed/);
  });

  it('ignores a cache cut short, says so once, parses every record and rebuilds it', async () => {
    const cache = join(state, PARSE_CACHE_FILE);
    truncateSync(cache, Math.floor(statSync(cache).size / 2));
    const report = await newProcess();
    assert.equal(report.parsed, all);
    assert.equal(warningsOf(report).length, 1);
    assert.match(warningsOf(report)[0] ?? '', /ignored the parse cache: .*cut short or damaged/);
    const after = await newProcess();
    assert.equal(after.parsed, 0);
    assert.deepEqual(warningsOf(after), []);
  });

  it('ignores a cache whose records were altered, even when it still reads as JSON', async () => {
    const cache = join(state, PARSE_CACHE_FILE);
    writeFileSync(cache, readFileSync(cache, 'utf8').replace('Muscat waterfront', 'Moscow waterfront'));
    const report = await newProcess();
    assert.equal(report.parsed, all);
    assert.match(warningsOf(report)[0] ?? '', /ignored the parse cache/);
    assert.doesNotMatch(readFileSync(join(temp.out, 'rss.xml'), 'utf8'), /Moscow waterfront/);
  });

  it('renders every feed again, with the same bytes, when the feed keys are damaged', async () => {
    const before = filesOf(temp.out);
    writeFileSync(join(state, FEED_KEYS_FILE), '{"schema": 1, "feeds": ');
    const report = await newProcess();
    assert.ok(report.rendered > 0);
    assert.match(warningsOf(report)[0] ?? '', /ignored the feed keys/);
    assert.deepEqual(filesOf(temp.out), before);
  });

  it('is read but never written by a check, which leaves the state folder as it was', async () => {
    const other = join(temp.root, 'state-for-check');
    const path = join(temp.content, OMAN);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: Changed for a check'));
    await temp.freshBuilder({ stateDir: other, version: '1.0.0' }).check(GOLDEN_NOW);
    assert.equal(existsSync(other), false);
    const before = readFileSync(join(state, PARSE_CACHE_FILE));
    await temp.freshBuilder({ stateDir: state, version: '1.0.0' }).check(GOLDEN_NOW);
    assert.deepEqual(readFileSync(join(state, PARSE_CACHE_FILE)), before);
  });

  it('renders a feed again when a file of it on disk is not the one its key was saved with', async () => {
    const rss = join(temp.out, 'rss.xml');
    const before = readFileSync(rss);
    writeFileSync(rss, 'torn');
    const report = await newProcess();
    assert.ok(report.written.includes('rss.xml'));
    assert.deepEqual(readFileSync(rss), before);
  });
});
