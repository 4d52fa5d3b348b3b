import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import pLimit, { type LimitFunction } from 'p-limit';
import { mediaTypeOf, type RenderedFile } from '../render/formats.js';

/**
 * Every generated file is written twice: as it is and gzipped. No brotli: at the quality a build can afford it
 * came out larger than gzip (docs/decisions.md, "gzip, and no brotli").
 */
export const VARIANT_SUFFIXES = ['', '.gz'] as const;

/** One generated file with its precompressed variants. */
export interface OutputFile {
  /** Path under the feeds folder with forward slashes, e.g. "categories/world/rss.xml". */
  readonly path: string;
  readonly type: string;
  readonly body: Buffer;
  /** SHA-256 of body in hex: the root of the strong ETag. */
  readonly hash: string;
  readonly gzip: Buffer;
  /** Whole seconds, epoch milliseconds. */
  readonly lastModified: number;
  /** The Link header of a feed that names WebSub hubs (RenderedFile.link); absent otherwise. */
  readonly link?: string;
}

export function hashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

const gzipAsync = promisify(gzip);

/**
 * Measured on the 62 MB of feeds built from 10,000 articles (bench/): gzip 4 compresses at 93 MB/s to 24.0 %,
 * gzip 6 at 55 MB/s to 23.5 %. A cold build compresses every feed, and most polls end in a 304: speed wins.
 */
const GZIP_LEVEL = 4;

/**
 * The output buffer of one compression: about what a feed compresses to (a third of it, rounded up to a power of
 * two), so most files come back in one piece. zlib's default of 16 KB made a round trip between the pool and the
 * main thread, and a copy, for every 16 KB of output. The bytes are the same whatever the size.
 */
function chunkSizeFor(body: Buffer): number {
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, 2 ** Math.ceil(Math.log2(body.length / 3))));
}
const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;

/** Compresses on libuv's thread pool, so the files of one build compress on every core at once. */
export async function compress(body: Buffer): Promise<{ gzip: Buffer }> {
  return { gzip: await gzipAsync(body, { level: GZIP_LEVEL, chunkSize: chunkSizeFor(body) }) };
}

const SECOND = 1000;
const wholeSeconds = (ms: number) => Math.floor(ms / SECOND) * SECOND;

/**
 * Last-Modified for a file whose bytes changed (docs/decisions.md, "Validators every instance agrees on"). It is
 * the newest date of the content when that moves it forward, whatever the clock says, so instances building the
 * same content agree, a new one with no history included; when it does not (an article removed, a correction
 * without an updated date), the later of the build time and a second after the previous one, so Last-Modified
 * never stands still or goes back while the bytes change. That second case depends on history: with several
 * instances, a shared ValidatorRecord makes the first instance's answer everyone's.
 */
export function nextLastModified(contentDate: number | undefined, previous: number | undefined, now: number): number {
  const candidate = wholeSeconds(contentDate ?? now);
  if (previous === undefined || candidate > previous) return candidate;
  return Math.max(wholeSeconds(now), previous + SECOND);
}

/**
 * The Last-Modified instances agree on for a file's bytes, kept where every instance reads it (Redis): when the
 * record holds these bytes (by hash), its Last-Modified; else `proposed`, moved past the recorded one if it is
 * not later, recorded as the file's. The first instance to publish new bytes decides; every other takes that.
 * Never rejects: a record that cannot be reached answers `proposed` (and says so where health is assessed).
 */
export interface ValidatorRecord {
  agree(key: string, hash: string, proposed: number, now: number): Promise<number>;
}

/**
 * Turns rendered files into output files: hashes each at once and, when its bytes differ from the previous
 * build's, compresses it in the background. Files compressed at once are bounded (each on libuv's pool, a
 * thread a core: bin/courier.js): all at once, a build of 184 feeds held every buffer of every
 * compressor alive together, 550 MB where six at a time need 140. Its owner (one builder) creates it.
 */
export class Finisher {
  private readonly compressing: LimitFunction = pLimit(6);

  /** With a shared record, new bytes take the Last-Modified every instance agrees on. */
  constructor(private readonly record?: ValidatorRecord) {}

  /**
   * An unchanged file is the previous output itself, Last-Modified and all. A failure is held for whoever
   * awaits the result, never left unhandled meanwhile. `key` names the file in the shared record (partner files
   * are kept apart from the site's by their caller's key).
   */
  finish(file: RenderedFile, previous: OutputFile | undefined, now: number, key = file.path): Promise<OutputFile> {
    const hash = hashOf(file.body);
    const { body, path, link } = file;
    if (previous?.hash === hash) {
      // The same bytes name the same hubs; only a manifest of an older version has lost the header.
      return Promise.resolve(previous.link === link ? previous : { ...withoutLink(previous), ...(link && { link }) });
    }
    const proposed = nextLastModified(file.contentDate, previous?.lastModified, now);
    const agreed = this.record ? this.record.agree(key, hash, proposed, now) : Promise.resolve(proposed);
    const finished = Promise.all([this.compressing(() => compress(body)), agreed]).then(
      ([compressed, lastModified]): OutputFile => ({
        path,
        type: mediaTypeOf(path),
        body,
        hash,
        ...compressed,
        lastModified,
        ...(link && { link }),
      }),
    );
    // Handled by whoever awaits it; this only keeps an early rejection from being reported as unhandled.
    finished.catch(() => undefined);
    return finished;
  }
}

function withoutLink(file: OutputFile): OutputFile {
  const { link: _link, ...rest } = file;
  return rest;
}
