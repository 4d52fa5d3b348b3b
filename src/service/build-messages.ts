import type { ContentChanges } from '../content/load.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import type { BuilderOptions } from '../publish/builder.js';
import type { WireBytes, WireFile, WireReport } from './wire-files.js';
import type { WireError } from './wire-errors.js';

/** What the build worker is started with: plain data only (workerData is cloned). */
export interface BuildWorkerData {
  readonly contentDir: string;
  readonly outDir: string;
  /** The builder's options that are data; the validators are proxied (see `validators`), progress is not used. */
  readonly options: Omit<BuilderOptions, 'validators' | 'progress'>;
  /** Whether the serving thread has a shared ValidatorRecord: the worker's asks it with `agree` messages. */
  readonly validators: boolean;
}

/** From the serving thread to the build worker. */
export type ToWorker =
  | { readonly kind: 'build'; readonly id: number; readonly now: number; readonly changes: ContentChanges }
  /** What changed, said while a build runs: for the next build to look at. */
  | { readonly kind: 'note'; readonly changes: ContentChanges }
  | { readonly kind: 'previous'; readonly id: number }
  | { readonly kind: 'agreed'; readonly call: number; readonly lastModified: number };

/** From the build worker to the serving thread; `bytes` come before the reply whose files they belong to. */
export type FromWorker =
  | { readonly kind: 'bytes'; readonly chunk: readonly WireBytes[] }
  | { readonly kind: 'built'; readonly id: number; readonly report: WireReport; readonly thread: number }
  | {
      readonly kind: 'previous';
      readonly id: number;
      readonly files: ReadonlyArray<readonly [string, WireFile]>;
      /** The archive documents' files: data only, their bytes stay in the feeds folder. */
      readonly archives: readonly ArchiveFile[];
    }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError }
  | {
      readonly kind: 'agree';
      readonly call: number;
      readonly key: string;
      readonly hash: string;
      readonly proposed: number;
      readonly now: number;
    };
