import type { OutputFile } from '../publish/output.js';
import type { BuildReport, Publication } from '../publish/report.js';

/**
 * How a build's files cross from the build worker to the serving thread without the serving thread copying
 * them. A file's metadata crosses in the reply; its bytes (body and gzip, one ArrayBuffer a file, filled on
 * the worker) cross once, transferred, in `bytes` messages before the reply. Bytes the serving thread already
 * holds (the same hash in the last batch it took) do not cross again: after each batch of files (the reply of
 * `previousFiles` or a build's publication) both sides keep the hashes of that batch, in the same order.
 */
export interface WireFile {
  readonly path: string;
  readonly type: string;
  readonly hash: string;
  readonly lastModified: number;
  readonly link?: string;
}

/** The bytes of one file: body, then gzip, in one buffer. */
export interface WireBytes {
  readonly hash: string;
  readonly buffer: ArrayBuffer;
  readonly bodyLength: number;
}

export type WirePublication = Omit<Publication, 'files' | 'partners'> & {
  readonly files: readonly WireFile[];
  readonly partners: { readonly partners: Publication['partners']['partners']; readonly files: WirePartnerFiles };
};
export type WirePartnerFiles = ReadonlyMap<string, readonly WireFile[]>;
export type WireReport = Omit<BuildReport, 'publication'> & { readonly publication?: WirePublication };

type Bytes = Pick<OutputFile, 'body' | 'gzip'>;

/** The worker's side: which bytes the serving thread holds, and packing those it does not. */
export class FileSender {
  private held = new Set<string>();

  /**
   * Packs every file whose bytes the serving thread lacks, at most `chunkBytes` a message: each chunk is sent
   * (with its buffers transferred) by `send`. Then the batch becomes what the serving thread holds.
   */
  sendBytes(files: readonly OutputFile[], send: (chunk: WireBytes[]) => void, chunkBytes = 8 << 20): void {
    let chunk: WireBytes[] = [];
    let size = 0;
    const packed = new Set<string>();
    for (const file of files) {
      if (this.held.has(file.hash) || packed.has(file.hash)) continue;
      packed.add(file.hash);
      chunk.push(pack(file));
      size += file.body.length + file.gzip.length;
      if (size >= chunkBytes) {
        send(chunk);
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) send(chunk);
    this.held = new Set(files.map((file) => file.hash));
  }

  /** After a reply that may not have arrived whole: every file's bytes go again with the next batch. */
  forget(): void {
    this.held = new Set();
  }
}

function pack(file: OutputFile): WireBytes {
  const { body, gzip, hash } = file;
  const buffer = new ArrayBuffer(body.length + gzip.length);
  const bytes = new Uint8Array(buffer);
  bytes.set(body, 0);
  bytes.set(gzip, body.length);
  return { hash, buffer, bodyLength: body.length };
}

/** The serving thread's side: the bytes of the last batch, and those arrived for the next. */
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

export function wireFile(file: OutputFile): WireFile {
  const { path, type, hash, lastModified, link: header } = file;
  return header === undefined ? { path, type, hash, lastModified } : { path, type, hash, lastModified, link: header };
}

/** Every file a publication holds, public and partners', in one list: one batch. */
export function filesOf(publication: Pick<Publication, 'files' | 'partners'>): OutputFile[] {
  return [...publication.files, ...[...publication.partners.files.values()].flat()];
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

/** The report with its files as metadata (the bytes go by `FileSender`). */
export function wireReport(report: BuildReport): WireReport {
  const { publication, ...rest } = report;
  if (!publication) return rest;
  const { files, partners } = publication;
  const partnerFiles = new Map([...partners.files].map(([id, list]) => [id, list.map(wireFile)]));
  return {
    ...rest,
    publication: { ...publication, files: files.map(wireFile), partners: { ...partners, files: partnerFiles } },
  };
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
