import type { OutputFile } from '../publish/output.js';
import type { BuildReport, Publication } from '../publish/report.js';
import type { WireBytes, WireFile, WireReport } from './wire-files.js';

/**
 * The worker's side of the crossing (wire-files.ts): which bytes the serving thread holds, and packing those it
 * does not.
 */
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

export function wireFile(file: OutputFile): WireFile {
  const { path, type, hash, lastModified, link: header } = file;
  return header === undefined ? { path, type, hash, lastModified } : { path, type, hash, lastModified, link: header };
}

/** Every file a publication holds, public and partners', in one list: one batch. */
export function filesOf(publication: Pick<Publication, 'files' | 'partners'>): OutputFile[] {
  return [...publication.files, ...[...publication.partners.files.values()].flat()];
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
