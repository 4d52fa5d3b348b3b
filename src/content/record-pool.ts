import { Worker } from 'node:worker_threads';
import type { RecordParsing } from './load.js';
import type { CacheEntry } from './record-file.js';
import type { Site } from './site.js';
import { surveyOnWorker, type RecordSurvey } from './record-survey.js';

/** What a record worker is sent: the records to read and parse, by path under the content folder. */
export interface RecordBatch {
  readonly contentDir: string;
  readonly site: Site;
  readonly files: readonly string[];
}

/** What it answers, in the order sent: each record parsed with its file's stamp, or 'vanished'. */
export type RecordBatchResult = { readonly entries: Array<CacheEntry | 'vanished'> } | { readonly error: string };

const WORKER_FILE = new URL('./record-worker.js', import.meta.url);
/** Records a message carries: results come back while the worker goes on. */
const BATCH = 1000;

/**
 * Reads and parses records on a worker thread while the loader reads others, for a load with thousands of
 * records to parse (a cold build, new site settings). The worker lives for one call. Its records are the very
 * records the loader would have parsed; a record it could not give (it failed, a bug) is simply not in the
 * answer, and the loader reads it itself.
 */
export class RecordParser implements RecordParsing {
  constructor(private readonly contentDir: string) {}

  survey(): Promise<RecordSurvey | undefined> {
    return surveyOnWorker(this.contentDir);
  }

  parse(site: Site, files: readonly string[]): Promise<ReadonlyMap<string, CacheEntry | 'vanished'>> {
    const parsed = new Map<string, CacheEntry | 'vanished'>();
    const batches: Array<readonly string[]> = [];
    for (let start = 0; start < files.length; start += BATCH) batches.push(files.slice(start, start + BATCH));
    return new Promise((resolve) => {
      const worker = new Worker(WORKER_FILE);
      const done = () => {
        resolve(parsed);
        void worker.terminate();
      };
      worker.on('message', (result: RecordBatchResult) => {
        const batch = batches.shift();
        if (!batch || 'error' in result) return done();
        for (const [index, entry] of result.entries.entries()) parsed.set(batch[index] ?? '', entry);
        if (batches.length === 0) done();
      });
      worker.on('error', done);
      worker.on('exit', done);
      for (const batch of batches) {
        worker.postMessage({ contentDir: this.contentDir, site, files: batch } satisfies RecordBatch);
      }
    });
  }
}
