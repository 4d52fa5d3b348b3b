import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus, type CorpusShape } from '../helpers/corpus.js';
import { buildOrThrow, runBuild } from '../helpers/courier-process.js';
import { differences, filesUnder, some, wholeProblems } from '../helpers/feeds-folder.js';
import { Tmpfs } from '../helpers/tmpfs.js';
import { assertServesWhole } from './serving.js';

/** Small: these tests are about what a refused write leaves, not about when it happens. */
const SHAPE: CorpusShape = { records: 400, desks: 20, itemsPerFeed: 10, paragraphs: 1 };
// Room for two builds with their RFC 5005 archives (each article is in several feeds' archive pages).
const DISK_BYTES = 96 * 1024 * 1024;

/** Skips the running test, saying why in its title (mocha's skip takes no reason). */
function skipBecause(context: Mocha.Context, reason: string): never {
  if (context.test) context.test.title += ` (skipped: ${reason})`;
  context.skip();
}

describe('a build on a disk that refuses writes: one line saying why, exit 1, the previous feeds whole', function () {
  this.timeout(90_000);
  let corpus: Corpus | undefined;
  let root: string | undefined;
  /** A build of the corpus, and the build of it with a third of its records revised, run over the first. */
  let previous: string;
  let next: string;
  let mounted: Tmpfs | undefined;
  /** Why no tmpfs can be mounted here, found out once, before any build is spent on it. */
  let cannotMount: string | undefined;
  before(async () => {
    const probe = Tmpfs.mount(1024 * 1024);
    if (!(probe instanceof Tmpfs)) {
      cannotMount = probe.reason;
      return;
    }
    probe.unmount();
    corpus = new Corpus(SHAPE);
    root = mkdtempSync(join(tmpdir(), 'courier-disk-'));
    previous = join(root, 'previous');
    next = join(root, 'next');
    await buildOrThrow(corpus.content, previous);
    corpus.revise(3);
    cpSync(previous, next, { recursive: true });
    await buildOrThrow(corpus.content, next);
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
  });
  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    corpus?.remove();
  });

  /** A tmpfs holding the previous build in feeds/, or the test skipped, saying why. */
  function mountOrSkip(context: Mocha.Context): { disk: Tmpfs; out: string; content: string } {
    if (cannotMount !== undefined) skipBecause(context, cannotMount);
    const disk = Tmpfs.mount(DISK_BYTES);
    if (!(disk instanceof Tmpfs)) skipBecause(context, disk.reason);
    mounted = disk;
    const out = join(disk.dir, 'feeds');
    cpSync(previous, out, { recursive: true });
    return { disk, out, content: corpus!.content };
  }

  /** The folder holds the build it held before, whole, with nothing staged or temporary left. */
  function assertUntouched(out: string): void {
    const broken = wholeProblems(out);
    assert.equal(broken.length, 0, some(broken));
    const unlike = differences(out, previous);
    assert.equal(unlike.length, 0, `unlike the previous build:\n${some(unlike)}`);
  }

  it('full (ENOSPC): the previous feeds are still served, and a build succeeds once there is room', async function () {
    const { disk, out, content } = mountOrSkip(this);
    // Room for about a quarter of the previous build: the next one rewrites most of it, and runs out midway.
    const room = Math.floor(filesUnder(previous).length / 4) * 4096;
    const filler = join(disk.dir, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, disk.free - room)));

    const failed = await runBuild(content, out);
    assert.equal(failed.status, 1, failed.stdout);
    const message = `could not write the feeds to ${out}: ENOSPC, no space left on the device`;
    // The build says how long it ran before it stopped: " (after 0.96 s)".
    assert.match(failed.stderr, /^courier: [^\n]*; the previous feeds stay in place \(after \d+\.\d+ s\)\n$/);
    assert.ok(failed.stderr.startsWith(`courier: ${message}; `), failed.stderr);
    assertUntouched(out);
    const served = await assertServesWhole(content, out, previous);
    assert.ok(
      served.some((line) => line.includes('build failed') && line.includes('ENOSPC')),
      served.join('\n'),
    );
    assertUntouched(out);

    rmSync(filler);
    await buildOrThrow(content, out);
    const broken = wholeProblems(out);
    assert.equal(broken.length, 0, some(broken));
    assert.deepEqual(differences(out, next), []);
  });

  it('read-only (EROFS): the build succeeds once the disk is writable again', async function () {
    const { disk, out, content } = mountOrSkip(this);
    disk.remount('ro');

    const failed = await runBuild(content, out);
    assert.equal(failed.status, 1, failed.stdout);
    // The folders are checked before anything is built: each read-only folder named on a line of its own.
    const readOnly = 'the file system is read-only: mount it writable, or set';
    assert.match(
      failed.stderr,
      new RegExp(`^courier: the feeds folder ${out} cannot be written \\(EROFS\\): ${readOnly}`),
    );
    assert.ok(
      failed.stderr
        .split('\n')
        .filter(Boolean)
        .every((line) => line.includes('(EROFS)')),
      failed.stderr,
    );
    assertUntouched(out);

    disk.remount('rw');
    await buildOrThrow(content, out);
    const broken = wholeProblems(out);
    assert.equal(broken.length, 0, some(broken));
    assert.deepEqual(differences(out, next), []);
  });
});
