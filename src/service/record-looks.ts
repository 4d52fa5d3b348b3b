import type { ContentChanges } from '../content/load.js';

/** Why a build runs: the log's "build started: …" line says it, with `trigger` (and `changed`) as fields. */
export interface BuildReason {
  readonly trigger: 'start' | 'schedule' | 'change' | 'release' | 'request';
  /** The words after "build started: ". */
  readonly text: string;
  /** With 'change': how many files changed. */
  readonly changed?: number;
  /**
   * The files the watch saw change since the last build (paths under the content folder): the build looks at
   * those records alone while the watch is seeing changes. Absent: it looks at every record.
   */
  readonly files?: readonly string[];
}

/**
 * How long scheduled builds take the watch's word that nothing else changed: one at least this long after the
 * last look at every record looks at every record again, for changes the system's events never told.
 */
export const EVERY_RECORD_MS = 10 * 60_000;

/**
 * The records a build looks at: the files the watch saw change, while it sees every change; else every record.
 * A scheduled build also looks at every record when the last that did is EVERY_RECORD_MS old (`sinceEveryRecord`
 * ms; undefined for none yet).
 */
export function changesToLookAt(
  { files, trigger }: BuildReason,
  watching: boolean,
  sinceEveryRecord: number | undefined,
): ContentChanges {
  const due = sinceEveryRecord === undefined || sinceEveryRecord >= EVERY_RECORD_MS;
  return files === undefined || !watching || (trigger === 'schedule' && due) ? 'unknown' : files;
}

/** The records each build looks at (changesToLookAt), remembering when the last look at every record was. */
export class RecordLooks {
  private everyRecordAt: number | undefined;

  /** For a build for `reason` at `at` (ms, any clock that only moves forward), `watching` whether the watch sees. */
  changesFor(reason: BuildReason, watching: boolean, at: number): ContentChanges {
    const since = this.everyRecordAt === undefined ? undefined : at - this.everyRecordAt;
    const changes = changesToLookAt(reason, watching, since);
    // A look before the watch saw every change (its first scan still running) may have missed one that the scan
    // then took as already there: only a look made while it sees counts as the last look at every record.
    if (changes === 'unknown') this.everyRecordAt = watching ? at : undefined;
    return changes;
  }
}
