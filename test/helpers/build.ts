import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, type BuilderOptions } from '../../src/publish/builder.js';
import type { BuildReport } from '../../src/publish/report.js';
import { FIXTURES } from './paths.js';

export const GOLDEN_CONTENT = join(FIXTURES, 'golden-content');
/** The moment the golden content is built as of: after every record but the embargoed one. */
export const GOLDEN_NOW = Date.parse('2026-11-26T12:00:00Z');

/** A copy of a content folder and an empty feeds folder in a temporary place. */
export class TempBuild {
  readonly root = mkdtempSync(join(tmpdir(), 'courier-build-'));
  readonly content = join(this.root, 'content');
  readonly out = join(this.root, 'feeds');
  readonly builder: Builder;

  constructor(source = GOLDEN_CONTENT) {
    cpSync(source, this.content, { recursive: true });
    this.builder = new Builder(this.content, this.out);
  }

  build(now = GOLDEN_NOW): Promise<BuildReport> {
    return this.builder.build(now);
  }

  /** A builder of its own, as another process or instance would have. */
  freshBuilder(options?: BuilderOptions): Builder {
    return new Builder(this.content, this.out, options);
  }

  /**
   * A build as `courier build` runs one: a builder of its own, closed when done (so the parse cache it saves
   * after the build is on disk); its report then also says what saving it said.
   */
  async buildAsProcess(options: BuilderOptions, now = GOLDEN_NOW): Promise<BuildReport> {
    const builder = this.freshBuilder(options);
    try {
      const report = await builder.build(now);
      const late = await builder.close();
      return { ...report, problems: [...report.problems, ...late] };
    } finally {
      await builder.close();
    }
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
