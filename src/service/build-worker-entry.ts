/**
 * The build worker (see build-worker.ts): owns the service's Builder, off the serving thread, and answers the
 * serving thread's messages. Runs only as a worker_threads entry.
 */
import { parentPort, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { Builder } from '../publish/builder.js';
import type { ValidatorRecord } from '../publish/output.js';
import type { BuildWorkerData, FromWorker, ToWorker } from './build-messages.js';
import { filesOf, FileSender, wireFile, wireReport } from './file-sender.js';
import { lowerThisThread } from './thread-priority.js';
import { toWire } from './wire-errors.js';

/** The serving thread's ValidatorRecord (it keeps the one Redis connection), asked over the port. */
class ValidatorProxy implements ValidatorRecord {
  private readonly calls = new Map<number, (lastModified: number) => void>();
  private nextCall = 1;

  constructor(private readonly port: MessagePort) {}

  agree(key: string, hash: string, proposed: number, now: number): Promise<number> {
    const call = this.nextCall++;
    return new Promise((resolve) => {
      this.calls.set(call, resolve);
      send(this.port, { kind: 'agree', call, key, hash, proposed, now });
    });
  }

  settle(call: number, lastModified: number): void {
    this.calls.get(call)?.(lastModified);
    this.calls.delete(call);
  }
}

function send(port: MessagePort, message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function serve(port: MessagePort, data: BuildWorkerData): void {
  const validators = data.validators ? new ValidatorProxy(port) : undefined;
  const builder = new Builder(data.contentDir, data.outDir, { ...data.options, validators });
  const sender = new FileSender();
  const sendBytes = (files: Parameters<FileSender['sendBytes']>[0]) =>
    sender.sendBytes(files, (chunk) =>
      send(
        port,
        { kind: 'bytes', chunk },
        chunk.map((bytes) => bytes.buffer),
      ),
    );

  const answer = async (message: Extract<ToWorker, { id: number }>): Promise<void> => {
    if (message.kind === 'build') {
      const report = await builder.build(message.now, message.changes);
      const wire = wireReport(report);
      if (report.publication) sendBytes(filesOf(report.publication));
      send(port, { kind: 'built', id: message.id, report: wire, thread: threadId });
    } else {
      const files = await builder.previousFiles();
      const wire = [...files].map(([key, file]) => [key, wireFile(file)] as const);
      sendBytes([...files.values()]);
      const archives = [...builder.previousArchives().values()];
      send(port, { kind: 'previous', id: message.id, files: wire, archives });
    }
  };

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'agreed') return validators?.settle(message.call, message.lastModified);
    if (message.kind === 'note') return builder.note(message.changes);
    answer(message).catch((error: unknown) => {
      // Bytes may have gone without the reply they belong to: send them all again next time (never too few).
      sender.forget();
      send(port, { kind: 'failed', id: message.id, error: toWire(error) });
    });
  });
}

if (parentPort) {
  lowerThisThread(); // and the threads it starts: the serving thread gets a core first (thread-priority.ts)
  serve(parentPort, workerData as BuildWorkerData);
}
