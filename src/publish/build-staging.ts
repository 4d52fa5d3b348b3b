import { join } from 'node:path';
import type { ArchiveFile } from './archive-files.js';
import { describedAs } from './manifest.js';
import { withoutBytes } from './on-demand.js';
import type { OutputFile } from './output.js';
import { discardStaging, openStaging, stageChunks, stageFile, STAGING_DIR } from './staging.js';
import { writeError } from './write-error.js';

/**
 * What a build stages while it goes on: its archive files as they are made and the files it finished anew, which
 * OutputWriter.write() publishes with the rest, or abandon() throws away (see staging.ts).
 */
export class BuildStaging {
  /** Whether this build has opened .staging/ (it stages archive files as they are made). */
  protected staging: Promise<void> | undefined;
  /** The files this build staged as they were finished (stageFile), and whether it has published them. */
  protected early = { files: new Set<OutputFile>(), published: false };

  constructor(
    protected readonly outDir: string,
    protected readonly bytesOnDemand: boolean,
  ) {}

  /** A new build begins: whatever an earlier one staged and did not publish is thrown away before it stages. */
  begin(): void {
    this.staging = undefined;
    this.early = { files: new Set(), published: false };
  }

  /** A build failed: what it staged is thrown away (the published folder was never touched). */
  async abandon(): Promise<void> {
    if (this.staging === undefined) return;
    this.staging = undefined;
    await discardStaging(this.outDir);
  }

  /** Stages an archive file while the build goes on; write() publishes it with the rest, or nothing is. */
  async stageArchive(file: ArchiveFile): Promise<void> {
    if (!file.chunks) throw new Error(`${file.path}: an archive file is staged with its bytes`);
    try {
      await (this.staging ??= openStaging(this.outDir));
      await stageChunks(this.outDir, file.path, file.chunks);
    } catch (error) {
      throw writeError(this.outDir, error);
    }
  }

  /**
   * Stages a file the build finished anew while the build goes on; write() publishes it with the rest, or nothing
   * is. With bytes on demand, what comes back holds none of its bytes: they are read again, from .staging/ or,
   * once published, from the folder, if ever asked for (a process that builds once never asks).
   */
  async stageFile(file: OutputFile): Promise<OutputFile> {
    try {
      await (this.staging ??= openStaging(this.outDir));
      await stageFile(this.outDir, file);
    } catch (error) {
      throw writeError(this.outDir, error);
    }
    const { early, outDir } = this;
    // Its bytes, if ever asked for, are read from .staging/ until the build is published, then from the folder.
    const where = () => (early.published ? outDir : join(outDir, STAGING_DIR));
    const staged = this.bytesOnDemand ? describedAs(withoutBytes(file, where), file) : file;
    early.files.add(staged);
    return staged;
  }
}
