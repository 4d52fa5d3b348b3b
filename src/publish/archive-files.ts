import { createHash } from 'node:crypto';

/**
 * A file of an archive document (RFC 5005 §4). Its address holds its page's version, so its bytes never change:
 * it is written once, listed in the manifest without its bytes, and served from disk (compressed on request),
 * never held in memory. An archive holds every article of every feed, many times the live feeds' bytes.
 */
export interface ArchiveFile {
  readonly path: string;
  readonly type: string;
  readonly size: number;
  /** 32 hex digits of a digest of its bytes: what its ETag is made of. */
  readonly tag: string;
  /** The newest change of the articles it holds, in whole seconds: the same on every instance. */
  readonly lastModified: number;
  /** Its bytes, as the pieces they were rendered in; only while the file waits to be written. */
  readonly chunks?: readonly Buffer[];
}

/** The file without its bytes: what a build keeps once it is written. */
export function withoutBytes(file: ArchiveFile): ArchiveFile {
  const { chunks: _chunks, ...rest } = file;
  return rest;
}

/**
 * Digests of a document made of pieces, each piece hashed once however many documents share it (an article's
 * item is in the site feed's archive and in each of its categories' and authors'). The digest of a document is
 * the hash of its pieces' hashes: equal pieces, equal digest; any byte changed, another digest.
 */
export class ChunkDigests {
  private readonly digests = new WeakMap<Buffer, Buffer>();

  of(chunks: readonly Buffer[]): string {
    const hash = createHash('sha256');
    for (const chunk of chunks) hash.update(this.digest(chunk));
    return hash.digest('hex');
  }

  private digest(chunk: Buffer): Buffer {
    let digest = this.digests.get(chunk);
    if (digest === undefined) {
      digest = createHash('sha256').update(chunk).digest();
      this.digests.set(chunk, digest);
    }
    return digest;
  }
}
