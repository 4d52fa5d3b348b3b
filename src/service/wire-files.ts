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
