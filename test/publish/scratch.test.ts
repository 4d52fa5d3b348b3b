import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePairedCorpus } from '../../bench/paired-corpus.js';
import { DEFAULT_SHAPE } from '../../bench/paired-corpus-shape.js';
import { Builder } from '../../src/publish/builder.js';
import { ScratchBuffers } from '../../src/publish/scratch.js';

const pieces = (...texts: string[]) => texts.map((text) => Buffer.from(text));

describe('the memory feeds are joined into by a build that keeps no bytes', () => {
  it('joins pieces into the same bytes as Buffer.concat, hostile text included', () => {
    const chunks = pieces('<rss>', ']]>&<\u0007', '😀 العربية 中文', '', '</rss>\n');
    assert.ok(new ScratchBuffers().join(chunks).equals(Buffer.concat(chunks)));
    assert.equal(new ScratchBuffers().join([]).length, 0);
  });

  it('joins the next document into memory handed back', () => {
    const scratch = new ScratchBuffers();
    const first = scratch.join(pieces('a'.repeat(1000)));
    scratch.release(first);
    const second = scratch.join(pieces('b'.repeat(2000)));
    assert.ok(second.buffer === first.buffer);
    assert.equal(second.toString(), 'b'.repeat(2000));
  });

  it('never joins into memory still out, nor takes back a buffer it did not give', () => {
    const scratch = new ScratchBuffers();
    const foreign = Buffer.from('not joined here');
    scratch.release(foreign);
    const first = scratch.join(pieces('first'));
    const second = scratch.join(pieces('second'));
    assert.ok(second.buffer !== first.buffer && second.buffer !== foreign.buffer);
    assert.equal(first.toString(), 'first');
  });

  it('keeps no more memory handed back than its bound, and takes the smallest that holds a document', () => {
    const scratch = new ScratchBuffers(300 * 1024);
    const [small, large, extra] = [10, 150 * 1024, 100 * 1024].map((size) => scratch.join([Buffer.alloc(size)]));
    for (const joined of [small, large, extra]) scratch.release(joined!);
    // Buffers of 64, 192 and 128 KB: the last one handed back would have made 384 KB kept.
    assert.ok(scratch.join([Buffer.alloc(5)]).buffer === small!.buffer, 'the smallest first');
    assert.ok(scratch.join([Buffer.alloc(5)]).buffer === large!.buffer, 'then the one kept besides');
    assert.ok(scratch.join([Buffer.alloc(5)]).buffer !== extra!.buffer, 'past the bound: not kept');
  });

  it('gives a build the very same feeds folder, byte for byte, as a build that keeps every feed', async function () {
    this.timeout(120_000);
    const root = mkdtempSync(join(tmpdir(), 'courier-scratch-'));
    try {
      // Hostile records and many feeds: every feed joined while others still compress and stage.
      const corpus = ensurePairedCorpus(join(root, 'corpus'), { ...DEFAULT_SHAPE, n: 600, hostile: 0.5 });
      const now = Date.parse('2027-01-01T00:00:00Z');
      const built = [true, false].map(async (bytesOnDemand) => {
        const out = join(root, `feeds-${bytesOnDemand}`);
        const builder = new Builder(corpus.courier, out, {
          stateDir: join(root, `state-${bytesOnDemand}`),
          bytesOnDemand,
        });
        try {
          assert.equal((await builder.build(now)).ok, true);
        } finally {
          await builder.close();
        }
        return filesOf(out);
      });
      const [joined, kept] = (await Promise.all(built)) as [Map<string, Buffer>, Map<string, Buffer>];
      assert.ok(kept.size > 100, `${kept.size} files`);
      assert.deepEqual([...joined.keys()], [...kept.keys()]);
      for (const [path, bytes] of kept) assert.ok(bytes.equals(joined.get(path) ?? Buffer.alloc(0)), path);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Every file under `dir` (relative path) with its bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name)));
  }
  return files;
}
