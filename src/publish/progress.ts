/**
 * Where a build is, for a progress line on a terminal: the stage it is in and how far through it. A builder
 * made with a listener calls it as it goes: for every record read, every feed rendered, every file finished.
 */
export interface BuildProgress {
  readonly stage:
    | 'reading records'
    | 'rendering archives'
    | 'rendering feeds'
    | 'compressing files'
    | 'partner feeds'
    | 'writing files';
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (progress: BuildProgress) => void;

/** The listener of a builder made without one. */
export const NO_PROGRESS: ProgressListener = () => undefined;
