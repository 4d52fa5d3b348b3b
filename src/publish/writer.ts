import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { removeFile, settleAll, writeAtomically } from '../lib/files.js';
import { MANIFEST_FILE, readPreviousBuild, renderManifest } from './manifest.js';
import type { OutputFile } from './output.js';

/**
 * The feeds folder: it knows what the last build left there (from this process, or read from disk and
 * checked against the manifest once) and writes a new build's changed files, removes those no longer built,
 * then writes the manifest.
 */
export class OutputWriter {
  private previous: Map<string, OutputFile> | undefined;
  private unreported: readonly Problem[] = [];

  constructor(private readonly outDir: string) {}

  /** The files of the last build: remembered from this process, or read from the feeds folder once. */
  async previousFiles(): Promise<ReadonlyMap<string, OutputFile>> {
    if (!this.previous) {
      const found = await readPreviousBuild(this.outDir);
      this.previous = found.files;
      this.unreported = found.problems;
    }
    return this.previous;
  }

  /** Problems met reading the last build (a manifest that could not be read), each handed out once. */
  takeProblems(): readonly Problem[] {
    const problems = this.unreported;
    this.unreported = [];
    return problems;
  }

  /** Writes changed files, then removes files no longer built, then the manifest: all or nothing per file. */
  async write(files: readonly OutputFile[]): Promise<{ written: string[]; removed: string[] }> {
    const previous = await this.previousFiles();
    const changed = files.filter((file) => previous.get(file.path) !== file);
    const current = new Set(files.map((file) => file.path));
    const removed = [...previous.keys()].filter((path) => !current.has(path)).sort();
    const at = (path: string) => join(this.outDir, path);
    await settleAll(changed.map(async (file) => {
      await writeAtomically(at(`${file.path}.gz`), file.gzip);
      await writeAtomically(at(`${file.path}.br`), file.br);
      await writeAtomically(at(file.path), file.body);
    }));
    await settleAll(removed.flatMap((path) => ['', '.gz', '.br'].map((suffix) => removeFile(at(path + suffix)))));
    if (changed.length > 0 || removed.length > 0) await writeAtomically(at(MANIFEST_FILE), renderManifest(files));
    this.previous = new Map(files.map((file) => [file.path, file]));
    return { written: changed.map((file) => file.path).sort(), removed };
  }
}
