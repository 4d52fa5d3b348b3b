import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveLoader } from '../../src/http/archive-loader.js';
import type { ArchiveFile } from '../../src/publish/archive-files.js';
import type { OutputFile } from '../../src/publish/output.js';

const PAGES = 40;
/** Random bytes, which gzip cannot shrink: 40 pages and their gzip variants keep about 20 MB, under the bound. */
const PAGE_BYTES = 256 * 1024;

describe('the archive pages a server reads from its feeds folder', () => {
  let root: string;
  const pages: ArchiveFile[] = [];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-archive-loader-'));
    mkdirSync(join(root, 'archive'));
    for (let page = 0; page < PAGES; page += 1) {
      const path = `archive/p${page}.xml`;
      writeFileSync(join(root, path), randomBytes(PAGE_BYTES));
      pages.push({ path, type: 'application/rss+xml', size: PAGE_BYTES, tag: `tag${page}`, lastModified: 0 });
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('are read once for requests that come together, and kept for the requests after them', async () => {
    const reads: string[] = [];
    const loader = new ArchiveLoader(root, (file: OutputFile) => {
      reads.push(file.path);
      return { path: file.path };
    });
    await Promise.all(pages.flatMap((page) => [1, 2, 3, 4].map(() => loader.load(page))));
    assert.equal(reads.length, PAGES, 'one read a page');
    for (const page of pages) assert.deepEqual(await loader.load(page), { path: page.path });
    assert.equal(reads.length, PAGES, 'every page still kept');
  });
});
