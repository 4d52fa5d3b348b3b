import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderDigest } from '../../src/lib/folder-digest.js';

describe('a folder digest', () => {
  let root: string;
  const all = { hidden: true };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-digest-'));
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'one.md'), 'one');
    writeFileSync(join(root, 'site.yaml'), 'title: x');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the same for the same files left alone', () => {
    assert.equal(folderDigest(root, all), folderDigest(root, all));
  });

  it('changes when a file is edited (even to the same size), touched, added, removed or renamed', () => {
    const changes = [
      () => writeFileSync(join(root, 'a', 'one.md'), 'two'),
      () => utimesSync(join(root, 'a', 'one.md'), 1, 1),
      () => writeFileSync(join(root, 'a', 'new.md'), ''),
      () => renameSync(join(root, 'a', 'new.md'), join(root, 'a', 'renamed.md')),
      () => rmSync(join(root, 'a', 'renamed.md')),
      () => mkdirSync(join(root, 'b')),
    ];
    let previous = folderDigest(root, all);
    for (const change of changes) {
      change();
      const digest = folderDigest(root, all);
      assert.notEqual(digest, previous, change.toString());
      previous = digest;
    }
  });

  it('leaves out hidden entries when asked, and the names it is told to at the top', () => {
    const before = folderDigest(root, { hidden: false, except: ['receipt.json'] });
    writeFileSync(join(root, '.git'), 'x');
    mkdirSync(join(root, 'a', '.hidden'));
    writeFileSync(join(root, 'receipt.json'), '{}');
    assert.equal(folderDigest(root, { hidden: false, except: ['receipt.json'] }), before);
    assert.notEqual(folderDigest(root, { hidden: true, except: ['receipt.json'] }), before);
  });

  it('follows links to files and folders, so an edit behind a link is seen', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'courier-digest-linked-'));
    try {
      writeFileSync(join(elsewhere, 'linked.md'), 'x');
      symlinkSync(elsewhere, join(root, 'linked'));
      const before = folderDigest(root, all);
      writeFileSync(join(elsewhere, 'linked.md'), 'changed');
      assert.notEqual(folderDigest(root, all), before);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('is the digest of nothing for a missing folder', () => {
    const missing = join(root, 'missing');
    assert.equal(folderDigest(missing, all), folderDigest(join(root, 'also-missing'), all));
  });
});
