import type { PollerToday } from './poll-types.js';

/** Today's tallies as saved: what `Today.saved` writes and `Today.restore` reads. */
export interface SavedToday {
  readonly date: string;
  readonly feeds: Readonly<Record<string, SavedFeed>>;
}

export interface SavedFeed {
  readonly polls: number;
  readonly conditional: number;
  readonly notModified: number;
  readonly refused: number;
  readonly untracked: number;
  readonly reports: Readonly<Record<string, { readonly name: string; readonly count: number }>>;
  readonly pollers: ReadonlyArray<PollerToday & { readonly lastFull: number | null }>;
}
