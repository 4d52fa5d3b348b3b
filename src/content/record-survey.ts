import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { isErrnoException } from '../lib/errors.js';
import type { FileStamp } from './record-file.js';
import { listRecords, type RecordListing } from './record-list.js';

/** Every record listed, with three numbers per file (mtimeMs, size, ino; NaN where its stat failed), in order. */
export interface RecordSurvey {
  readonly listing: RecordListing;
  readonly stamps: Float64Array;
}

/** The stamp of the listing's `index`th file, if its stat succeeded. */
export function stampAt(survey: RecordSurvey, index: number): FileStamp | undefined {
  const at = index * 3;
  const mtimeMs = survey.stamps[at];
  if (mtimeMs === undefined || Number.isNaN(mtimeMs)) return undefined;
  return { mtimeMs, size: survey.stamps[at + 1] ?? Number.NaN, ino: survey.stamps[at + 2] ?? Number.NaN };
}

/** What the survey's thread posts back: three numbers per file (NaN where its stat failed), or its error. */
export type SurveyMessage =
  { readonly files: string[]; readonly folders: string[]; readonly stamps: Float64Array } | { readonly error: string };

const WORKER_FILE = new URL('./survey-worker.js', import.meta.url);

/**
 * Lists the records and stats each one on a thread of its own, while the calling thread does something else
 * (reads the parse cache). Undefined when that thread fails in any way: the loader then lists and stats itself,
 * and meets any error there as it always did.
 */
export function surveyOnWorker(contentDir: string): Promise<RecordSurvey | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_FILE, { workerData: contentDir });
    const done = (survey: RecordSurvey | undefined) => {
      resolve(survey);
      void worker.terminate();
    };
    worker.once('message', (message: SurveyMessage) => {
      if ('error' in message) return done(undefined);
      const { files, folders, stamps } = message;
      done({ listing: { files, folders: new Set(folders) }, stamps });
    });
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
}

/** The survey as the thread posts it. A file gone between its listing and its stat is left out, as a load would. */
export function surveyMessage(contentDir: string): SurveyMessage {
  const listing = listRecords(contentDir);
  const files: string[] = [];
  const stamps = new Float64Array(listing.files.length * 3).fill(Number.NaN);
  for (const file of listing.files) {
    try {
      const { mtimeMs, size, ino } = statSync(`${contentDir}/${file}`);
      stamps.set([mtimeMs, size, ino], files.length * 3);
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') continue;
      // Anything else is the loader's to meet and report when it looks at the file itself: no stamp.
    }
    files.push(file);
  }
  return { files, folders: [...listing.folders], stamps: stamps.subarray(0, files.length * 3) };
}
