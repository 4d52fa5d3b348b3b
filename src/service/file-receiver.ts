import type { OutputFile } from '../publish/output.js';
import type { BuildReport } from '../publish/report.js';
import type { WireBytes, WireFile, WireReport } from './wire-files.js';

type Bytes = Pick<OutputFile, 'body' | 'gzip'>;

/**
 * The serving thread's side of the crossing (wire-files.ts): the bytes of the last batch, and those arrived for
 * the next.
 */
export class FileReceiver {
  private held = new Map<string, Bytes>();
  private arrived = new Map<string, Bytes>();

  take(chunk: readonly WireBytes[]): void {
    for (const { hash, buffer, bodyLength } of chunk) {
      const body = Buffer.from(buffer, 0, bodyLength);
      const gzip = Buffer.from(buffer, bodyLength);
      this.arrived.set(hash, { body, gzip });
    }
  }

  /** The batch's files whole; from then on, what is held is this batch's bytes. */
  files(batch: readonly WireFile[]): OutputFile[] {
    const next = new Map<string, Bytes>();
    const files = batch.map((file) => {
      const bytes = this.arrived.get(file.hash) ?? this.held.get(file.hash);
      if (!bytes) throw new Error(`the build worker sent ${file.path} without its bytes (${file.hash})`);
      next.set(file.hash, bytes);
      const { path, type, hash, lastModified, link } = file;
      return { path, type, hash, lastModified, ...bytes, ...(link !== undefined && { link }) };
    });
    this.held = next;
    this.arrived = new Map();
    return files;
  }
}

/** The files of the last build, by the keys the builder gave them; they become the receiver's batch. */
export function previousFrom(
  entries: ReadonlyArray<readonly [string, WireFile]>,
  receiver: FileReceiver,
): Map<string, OutputFile> {
  const files = receiver.files(entries.map(([, file]) => file));
  const previous = new Map<string, OutputFile>();
  entries.forEach(([key], index) => {
    const file = files[index];
    if (file) previous.set(key, file);
  });
  return previous;
}

/** The report whole again, with the bytes `receiver` holds; the report's files become its batch. */
export function reportFrom(wire: WireReport, receiver: FileReceiver): BuildReport {
  const { publication, ...rest } = wire;
  if (!publication) return rest;
  const { files, partners } = publication;
  const ids = [...partners.files.keys()];
  const lists = ids.map((id) => partners.files.get(id) ?? []);
  const all = receiver.files([...files, ...lists.flat()]);
  const partnerFiles = new Map<string, OutputFile[]>();
  let at = files.length;
  ids.forEach((id, index) => {
    const count = lists[index]?.length ?? 0;
    partnerFiles.set(id, all.slice(at, at + count));
    at += count;
  });
  const whole = { ...publication, files: all.slice(0, files.length), partners: { ...partners, files: partnerFiles } };
  return { ...rest, publication: whole };
}
