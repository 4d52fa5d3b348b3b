import type { Problem } from '../content/problem.js';
import { isErrnoException } from '../lib/errors.js';
import { isArchivePath } from '../model/archive.js';
import { FEED_FORMATS } from '../render/formats.js';
import type { ArchiveFile } from './archive-files.js';
import { BuildStaging } from './build-staging.js';
import { commit } from './commit.js';
import { readFileStamps, writeFileStamps } from './file-stamps.js';
import { renderManifest } from './manifest.js';
import { readPreviousBuild } from './previous-build.js';
import type { OutputFile } from './output.js';
import { recover } from './recovery.js';
import { stage } from './staging.js';
import { writeError } from './write-error.js';

/**
 * The feeds folder: it knows what the last build left there (from this process, or read from disk, repaired
 * and checked against the manifest once) and publishes a new build's changed files through staging, so the
 * folder always holds one whole build (see staging.ts); BuildStaging stages what a build finishes as it goes on.
 */
export class OutputWriter extends BuildStaging {
  private previous: Map<string, OutputFile> | undefined;
  private archives = new Map<string, ArchiveFile>();
  /** Paths the published manifest lists, whole or not. */
  private listed: readonly string[] = [];
  /** Variants an older version published that no build writes now: the next write removes them. */
  private legacy: readonly string[] = [];
  private unreported: Problem[] = [];
  /** Whether the stamps kept in the state folder miss a published file (file-stamps.ts). */
  private unstamped = false;
  private recovered = false;

  /**
   * `stampsPath`: where the published files' stamps are kept, so a new process need not hash them;
   * `bytesOnDemand`: the published files known by their stamps are read only if their bytes are asked for.
   */
  constructor(
    outDir: string,
    private readonly stampsPath?: string,
    bytesOnDemand = false,
  ) {
    super(outDir, bytesOnDemand);
  }

  /**
   * The files of the last build: remembered from this process, or read from the feeds folder once. `recovering`:
   * first bring back to one whole build a folder a process left half published; false for a process that only
   * looks (courier check), which must not touch what another process is staging.
   */
  async previousFiles(recovering = true): Promise<ReadonlyMap<string, OutputFile>> {
    if (!this.previous || (recovering && !this.recovered)) {
      const recovered = recovering ? await recover(this.outDir) : 'nothing';
      this.recovered = recovering;
      const stamps = this.stampsPath === undefined ? new Map() : await readFileStamps(this.stampsPath);
      const found = await readPreviousBuild(this.outDir, stamps, this.bytesOnDemand);
      this.unstamped = found.stamped < found.files.size;
      this.previous = found.files;
      this.archives = found.archives;
      this.listed = found.listed;
      this.legacy = found.legacy;
      const torn = found.listed.length - found.files.size - found.archives.size;
      this.unreported = [...found.problems, ...recoveryProblems(recovered, torn)];
    }
    return this.previous;
  }

  /** The archive files of the last build (call previousFiles first). */
  previousArchives(): ReadonlyMap<string, ArchiveFile> {
    return this.archives;
  }

  /** The feed folders of the published build ('' for the site feed), from its manifest; archives are not feeds. */
  publishedFeeds(): string[] {
    const files = new Set(FEED_FORMATS.map((format) => format.file));
    const folders = this.listed
      .filter((path) => files.has(path.replace(/^.*\//, '')) && !isArchivePath(path))
      .map((path) => path.replace(/[^/]*$/, ''));
    return [...new Set(folders)].sort();
  }

  /** Problems met reading the last build (a manifest that could not be read), each handed out once. */
  takeProblems(): readonly Problem[] {
    const problems = this.unreported;
    this.unreported = [];
    return problems;
  }

  /** Publishes changed files, removes files no longer built, then the manifest; all or nothing for the build. */
  async write(
    files: readonly OutputFile[],
    archives: readonly ArchiveFile[] = [],
  ): Promise<{ written: string[]; removed: string[] }> {
    const previous = await this.previousFiles();
    const changed = files.filter((file) => previous.get(file.path) !== file);
    const staged = archives.filter((file) => this.archives.get(file.path) !== file);
    const current = new Set([...files.map((file) => file.path), ...archives.map((file) => file.path)]);
    const before = [...previous.keys(), ...this.archives.keys(), ...this.listed];
    const removed = [...new Set(before)].filter((path) => !current.has(path)).sort();
    const legacy = this.legacy;
    if (changed.length > 0 || staged.length > 0 || removed.length > 0 || legacy.length > 0) {
      const manifest = renderManifest(files, archives);
      try {
        const opened = this.staging !== undefined;
        if (opened) await this.staging;
        const early = this.early.files;
        await stage(
          this.outDir,
          changed.filter((file) => !early.has(file)),
          manifest,
          opened,
        );
      } catch (error) {
        throw writeError(this.outDir, error);
      }
      // Staged whole, manifest and all: from here a failure leaves it to be rolled forward, never thrown away.
      this.staging = undefined;
      try {
        await commit(this.outDir, removed, legacy);
        this.early.published = true;
        this.legacy = [];
      } catch (error) {
        // Half published: the next build first rolls this one forward (recover), then looks at the folder again.
        this.previous = undefined;
        throw writeError(this.outDir, error, 'commit');
      }
    }
    this.staging = undefined;
    if (changed.length > 0 || removed.length > 0 || this.unstamped) await this.stamp(files);
    this.previous = new Map(files.map((file) => [file.path, file]));
    this.archives = new Map(archives.map((file) => [file.path, file]));
    this.listed = [...current];
    const written = [...changed, ...staged].map((file) => file.path).sort();
    // An older version's variants count as removed: the build's summary tells the operator they went.
    return { written, removed: legacy.length === 0 ? removed : [...removed, ...legacy].sort() };
  }

  /** Keeps the published files' stamps; stamps that cannot be kept cost the next process the hashing only. */
  private async stamp(files: readonly OutputFile[]): Promise<void> {
    if (this.stampsPath === undefined) return;
    try {
      await writeFileStamps(this.stampsPath, this.outDir, files);
      this.unstamped = false;
    } catch (error) {
      if (!isErrnoException(error)) throw error;
      this.unstamped = true;
    }
  }
}

function recoveryProblems(recovered: Awaited<ReturnType<typeof recover>>, torn: number): Problem[] {
  const problems: Problem[] = [];
  if (recovered !== 'nothing') {
    const done = recovered === 'rolled forward' ? 'finished publishing it' : 'discarded it';
    const message = `found a build that was interrupted while being published; ${done}`;
    problems.push({ file: '(feeds folder)', field: '(build)', message, severity: 'warning' });
  }
  if (torn > 0) {
    const message = `found ${torn} file(s) whose variants did not match the manifest; they are written again`;
    problems.push({ file: '(feeds folder)', field: '(build)', message, severity: 'warning' });
  }
  return problems;
}
