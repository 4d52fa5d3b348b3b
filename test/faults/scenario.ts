import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus, type CorpusShape } from '../helpers/corpus.js';
import { buildOrThrow, observeBuild, type KillPoint, type Phases } from '../helpers/courier-process.js';
import { Tmpfs } from '../helpers/tmpfs.js';

/**
 * The corpus the kill tests build: a thousand short records, each also under one of 24 desks, so that a cold
 * build writes a few hundred files (the feeds in three formats, their archive pages, the OPML and the index
 * page), twice as many on disk with their gzip variants, and its write lasts long enough to be interrupted at
 * many points. How long the write lasts follows the number of files, not of records; every build here runs
 * twice per kill point, so files cost suite time: more desks buy nothing the kill points do not already meet.
 */
export const KILL_CORPUS: CorpusShape = { records: 1000, desks: 24, itemsPerFeed: 8, paragraphs: 1 };

/** Room for the corpus, the previous build, two references and a run being staged, with plenty to spare. */
const WORKSPACE_BYTES = 512 * 1024 * 1024;

/** A build the kill tests interrupt: what the folder holds before it, and what it holds after it, uninterrupted. */
export interface Scenario {
  /** Prepares the folder the build runs on. */
  readonly prepare: (out: string) => void;
  /** The folder an uninterrupted run of the same build leaves. */
  readonly reference: string;
  /** When that uninterrupted run reached each phase of its write. */
  readonly phases: Phases;
}

/**
 * The content and two builds of it, each run once uninterrupted and observed: a cold build on an empty folder,
 * and a warm one on the previous build's folder after a quarter of the records were revised (so it rewrites
 * most feeds). Both build the revised content.
 */
export class KillFixture {
  root!: string;
  corpus!: Corpus;
  cold!: Scenario;
  warm!: Scenario;
  private disk: Tmpfs | undefined;
  private folders = 0;

  /**
   * Works in a tmpfs of its own where one can be mounted: the builds and kills are the same on any file system,
   * but copying and removing thousands of files on a disk other processes are busy with takes seconds, and
   * uneven ones. Elsewhere, in the temporary folder.
   */
  async prepare(): Promise<void> {
    const disk = Tmpfs.mount(WORKSPACE_BYTES);
    this.disk = disk instanceof Tmpfs ? disk : undefined;
    this.root = this.disk?.dir ?? mkdtempSync(join(tmpdir(), 'courier-faults-'));
    this.corpus = new Corpus(KILL_CORPUS, this.root);
    const previous = join(this.root, 'previous');
    await buildOrThrow(this.corpus.content, previous);
    this.corpus.revise(4);
    const cold = join(this.root, 'reference-cold');
    this.cold = { prepare: () => undefined, reference: cold, phases: await observeBuild(this.corpus.content, cold) };
    const warm = join(this.root, 'reference-warm');
    const onPrevious = (out: string) => cpSync(previous, out, { recursive: true });
    onPrevious(warm);
    this.warm = { prepare: onPrevious, reference: warm, phases: await observeBuild(this.corpus.content, warm) };
  }

  /** A fresh folder for one run, prepared as the scenario says. */
  folderFor(scenario: Scenario): string {
    this.folders += 1;
    const out = join(this.root, `run-${this.folders}`);
    scenario.prepare(out);
    return out;
  }

  remove(): void {
    if (this.disk) this.disk.unmount();
    else if (this.root) rmSync(this.root, { recursive: true, force: true });
  }
}

/** A point of a build to interrupt it at, as a share of one phase of the observed uninterrupted run. */
export interface PointSpec {
  readonly name: string;
  readonly after: KillPoint['after'];
  readonly share: number;
  readonly signal: 'SIGKILL' | 'SIGTERM';
}

function point(signal: PointSpec['signal'], name: string, after: PointSpec['after'], share: number): PointSpec {
  return { signal, name, after, share };
}

export const STAGING_STARTS = 'as it starts staging';
export const COMMIT_STARTS = 'as its commit begins';

/**
 * Where each build is interrupted, from early to late; most points fall inside the write, where an interruption
 * can leave something behind. SIGKILL and SIGTERM take turns (`courier build` leaves SIGTERM to Node's default,
 * which ends the process at once), so each meets the start, middle and end of both staging and commit.
 */
export const COLD_POINTS: readonly PointSpec[] = [
  point('SIGKILL', 'halfway to its write, before anything is written', 'spawn', 1 / 2),
  point('SIGTERM', STAGING_STARTS, 'staging', 0),
  point('SIGKILL', 'halfway through staging', 'staging', 1 / 2),
  point('SIGTERM', COMMIT_STARTS, 'stagedManifest', 0),
  point('SIGKILL', 'a third of the way through its commit', 'stagedManifest', 1 / 3),
  point('SIGTERM', 'two thirds of the way through its commit', 'stagedManifest', 2 / 3),
];
export const WARM_POINTS: readonly PointSpec[] = [
  point('SIGKILL', STAGING_STARTS, 'staging', 0),
  point('SIGTERM', 'a third of the way through staging', 'staging', 1 / 3),
  point('SIGKILL', 'two thirds of the way through staging', 'staging', 2 / 3),
  point('SIGTERM', COMMIT_STARTS, 'stagedManifest', 0),
  point('SIGKILL', 'a third of the way through its commit', 'stagedManifest', 1 / 3),
  point('SIGTERM', 'two thirds of the way through its commit', 'stagedManifest', 2 / 3),
];

/** The kill point of a spec in a build whose uninterrupted run had these phases. */
export function pointFrom(spec: Pick<PointSpec, 'after' | 'share'>, phases: Phases): KillPoint {
  const span =
    spec.after === 'spawn'
      ? phases.staging
      : spec.after === 'staging'
        ? phases.stagedManifest - phases.staging
        : phases.exit - phases.stagedManifest;
  return { after: spec.after, delay: Math.round(span * spec.share) };
}
