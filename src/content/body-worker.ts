/**
 * A worker thread of the BodyPool (body-pool.ts): renders each batch of bodies it is sent with renderInput (a
 * record's body read as the loader reads it, then renderBody), the very function the calling thread would
 * use, and posts the results back in order. An exception while
 * rendering (a bug, since renderBody takes any text) is posted back as the batch's error.
 */
import { parentPort } from 'node:worker_threads';
import { renderInput, type BodyBatch, type BodyBatchResult } from './body-input.js';

const port = parentPort;
if (port === null) throw new Error('body-worker.js runs as a worker thread of a BodyPool, not on its own');

port.on('message', (batch: BodyBatch) => {
  let result: BodyBatchResult;
  try {
    result = { bodies: batch.inputs.map(renderInput) };
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(result);
});
