import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { buildAllFeeds, type BuiltFeed } from './built-feeds.js';
import { requireTool, run } from './tools.js';

/** Validates files against RFC 4287's grammar with xmllint; returns xmllint's complaints, by file. */
function validateAtom(schema: string, files: readonly string[]): { ok: boolean; output: string } {
  const result = run('xmllint', ['--noout', '--relaxng', schema, ...files]);
  return { ok: result.status === 0, output: result.stderr };
}

describe('every Atom feed, against the RELAX NG grammar of RFC 4287 (xmllint)', () => {
  let feeds: BuiltFeed[];
  let remove: (() => void) | undefined;
  let schemaDir: string;
  let schema: string;
  before(async () => {
    requireTool('xmllint');
    requireTool('trang');
    schemaDir = mkdtempSync(join(tmpdir(), 'courier-schema-'));
    schema = join(schemaDir, 'atom.rng');
    const converted = run('trang', [join(ROOT, 'test/schemas/atom.rnc'), schema]);
    assert.equal(converted.status, 0, `trang could not convert atom.rnc: ${converted.stderr}`);
    ({ feeds, remove } = await buildAllFeeds());
  });
  after(() => {
    remove?.();
    if (schemaDir) rmSync(schemaDir, { recursive: true, force: true });
  });

  it('validates every one', () => {
    const atom = feeds.filter((feed) => feed.format === 'atom');
    assert.ok(atom.length > 20, 'site, category and author feeds of both sources');
    const { ok, output } = validateAtom(
      schema,
      atom.map((feed) => feed.path),
    );
    assert.ok(ok, `xmllint --relaxng:\n${output}`);
  });

  it('fails, naming the file and the element, when an entry loses its id', () => {
    const site = feeds.find((feed) => feed.name === 'sample:atom.xml')!;
    const broken = join(schemaDir, 'broken-atom.xml');
    writeFileSync(broken, readFileSync(site.path, 'utf8').replace(/<entry>\n\s*<id>[^<]*<\/id>/, '<entry>'));
    const { ok, output } = validateAtom(schema, [broken]);
    assert.equal(ok, false);
    assert.match(output, /broken-atom\.xml:\d+: element entry: Relax-NG validity error/);
  });
});
