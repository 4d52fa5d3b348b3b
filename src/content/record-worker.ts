/**
 * The worker thread of a RecordParser (record-pool.ts): reads and parses each record it is sent exactly as the
 * loader would (readRecordEntry), and posts the entries back in order; an exception (a bug, or a file that
 * cannot be read for another reason than being gone) is posted back as the batch's error.
 */
import { parentPort } from 'node:worker_threads';
import { readRecordEntry } from './record-file.js';
import type { RecordBatch, RecordBatchResult } from './record-pool.js';

const port = parentPort;
if (port === null) throw new Error('record-worker.js runs as a worker thread of a RecordParser, not on its own');

port.on('message', ({ contentDir, site, files }: RecordBatch) => {
  let result: RecordBatchResult;
  try {
    result = { entries: files.map((file) => readRecordEntry(contentDir, file, site)) };
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(result);
});
