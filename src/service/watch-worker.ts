/**
 * The thread of a ContentWatchThread (watch-thread.ts): runs the ContentWatch and posts what it sees and says.
 * Runs only as a worker_threads entry.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { errorMessage } from '../lib/errors.js';
import type { LogFields, Logger } from '../lib/logger.js';
import { ContentWatch } from './watch.js';
import type { FromWatch, WatchData } from './watch-thread.js';

function watchFor(port: MessagePort, data: WatchData): void {
  const send = (message: FromWatch) => port.postMessage(message);
  /** Fields cross as plain data: an exception as its message. */
  const entry =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields: LogFields = {}) => {
      const { err, ...rest } = fields;
      send({ kind: 'log', level, message, fields: err === undefined ? rest : { ...rest, error: errorMessage(err) } });
    };
  const log: Logger = { info: entry('info'), warn: entry('warn'), error: entry('error') };
  let ready = false;
  const watch: ContentWatch = new ContentWatch({
    ...data,
    changed: (file) => send({ kind: 'changed', file }),
    log,
    seeingChanged: () => send({ kind: 'seeing', seeing: watch.seeing, ready }),
  });
  void watch.ready().then(() => {
    ready = true;
    send({ kind: 'seeing', seeing: watch.seeing, ready });
  });
}

if (parentPort) watchFor(parentPort, workerData as WatchData);
