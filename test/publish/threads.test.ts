import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePairedCorpus } from '../../bench/paired-corpus.js';
import { DEFAULT_SHAPE } from '../../bench/paired-corpus-shape.js';
import { Builder } from '../../src/publish/builder.js';

/** Every file under `dir` (relative path) with its bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}

describe('a build with worker threads', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'courier-threads-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the very same feeds folder, byte for byte, as a build on one thread', async function () {
    this.timeout(120_000);
    // Hostile records (control characters, `]]>`, emoji, CJK, raw HTML with scripts) and archives: every body.
    const corpus = ensurePairedCorpus(join(root, 'corpus'), { ...DEFAULT_SHAPE, n: 400, hostile: 0.5 });
    const now = Date.parse('2027-01-01T00:00:00Z');
    const folders: Array<Map<string, Buffer>> = [];
    for (const threads of [0, 2]) {
      const out = join(root, `feeds-${threads}`);
      const builder = new Builder(corpus.courier, out, { stateDir: join(root, `state-${threads}`), threads });
      try {
        const report = await builder.build(now);
        assert.equal(report.ok, true);
        assert.equal(report.publicArticles, 400);
      } finally {
        await builder.close();
      }
      folders.push(filesOf(out));
    }
    const [single, pooled] = folders as [Map<string, Buffer>, Map<string, Buffer>];
    assert.ok(single.size > 400, `${single.size} files, archives included`);
    assert.deepEqual([...pooled.keys()], [...single.keys()]);
    for (const [path, bytes] of single) assert.ok(bytes.equals(pooled.get(path) ?? Buffer.alloc(0)), path);
  });
});
