import { RecordVanished, type ContentChanges } from '../content/load.js';
import type { Problem } from '../content/problem.js';
import type { BuildReport } from './report.js';

/** Builds made again in a row because a record vanished while its body was read, before the build fails. */
const VANISHED_RETRIES = 3;

/**
 * A build, made again (up to VANISHED_RETRIES times) when a record's file was gone by the time its body was
 * read: nothing was committed, and the next look at that file leaves it out or, when the build looked at
 * every record, finds it under its new name. Each time is said as a warning naming the file.
 */
export async function buildAgainIfARecordVanished(
  build: (changes: ContentChanges) => Promise<BuildReport>,
  changes: ContentChanges,
): Promise<BuildReport> {
  const vanished: Problem[] = [];
  for (let looking = changes; ;) {
    try {
      const report = await build(looking);
      return vanished.length === 0 ? report : { ...report, problems: [...vanished, ...report.problems] };
    } catch (error) {
      if (!(error instanceof RecordVanished) || vanished.length >= VANISHED_RETRIES) throw error;
      const message = 'expected the record to stay while the build read its body, found it gone: built again';
      vanished.push({ file: error.file, field: '(file)', message, severity: 'warning' });
      looking = looking === 'unknown' ? looking : [...looking, error.file];
    }
  }
}
