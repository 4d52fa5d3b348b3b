import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Finisher, type OutputFile } from '../../src/publish/output.js';
import { PAGE_KEYS_FILE, SitePages } from '../../src/publish/page-keys.js';
import type { IndexEntry } from '../../src/render/index-page.js';
import { testSite } from '../helpers/content.js';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const site = testSite();
const entries = (articles: number): IndexEntry[] => [
  { title: site.title, name: site.title, kind: 'site', path: '', articles, updated: NOW - 60_000 },
  { title: 'World', name: 'World', kind: 'category', path: 'categories/world/', articles: 1, updated: NOW - 120_000 },
];
const byPath = (files: readonly OutputFile[]) => new Map(files.map((file) => [file.path, file]));

describe('the pages published beside the site feed, in a new process', () => {
  let state: string;
  const pagesOf = () => new SitePages(new Finisher(), { file: join(state, PAGE_KEYS_FILE), version: '1.0.0' });
  const published = async () => {
    const first = pagesOf();
    const { files } = await first.files(site, entries(2), new Map(), NOW);
    await first.saveKeys();
    return files;
  };
  beforeEach(() => (state = mkdtempSync(join(tmpdir(), 'courier-page-keys-'))));
  afterEach(() => rmSync(state, { recursive: true, force: true }));

  it('are the very files published last, not rendered again, when what the index lists is the same', async () => {
    const files = await published();
    assert.deepEqual(
      files.map((file) => file.path),
      ['index.html', 'feed.xsl'],
    );
    const again = await pagesOf().files(site, entries(2), byPath(files), NOW + 3_600_000);
    assert.deepEqual(again.files, files);
    assert.ok(again.files.every((file, index) => file === files[index]));
    assert.deepEqual(again.problems, []);
  });

  it('are rendered again when a count or a site setting changed, and the same bytes as rendered afresh', async () => {
    const files = await published();
    const counted = await pagesOf().files(site, entries(3), byPath(files), NOW);
    assert.notEqual(counted.files[0]?.hash, files[0]?.hash);
    const afresh = await new SitePages(new Finisher()).files(site, entries(3), new Map(), NOW);
    assert.equal(counted.files[0]?.hash, afresh.files[0]?.hash);
    const renamed = await pagesOf().files({ ...site, title: 'Renamed Newsroom' }, entries(2), byPath(files), NOW);
    assert.notEqual(renamed.files[0]?.hash, files[0]?.hash);
  });

  it('are rendered again when the published file is not the one the key was saved with', async () => {
    const files = await published();
    const other = { ...files[0]!, hash: 'f'.repeat(64) };
    const again = await pagesOf().files(site, entries(2), byPath([other, files[1]!]), NOW);
    assert.equal(again.files[0]?.hash, files[0]?.hash);
    assert.notEqual(again.files[0], other);
  });

  it('say so when the keys file is damaged, and render', async () => {
    const files = await published();
    writeFileSync(join(state, PAGE_KEYS_FILE), '{"schema": 1, "pages": ');
    const again = await pagesOf().files(site, entries(2), byPath(files), NOW);
    assert.match(again.problems[0]?.message ?? '', /ignored the page keys: the file is damaged/);
    assert.equal(again.files[0]?.hash, files[0]?.hash);
  });
});
