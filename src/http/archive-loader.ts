import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException } from '../lib/errors.js';
import type { ArchiveFile } from '../publish/archive-files.js';
import { compress, type OutputFile } from '../publish/output.js';

/** Bytes of loaded archive documents kept, with their compressed variants, for the requests that follow. */
const KEPT_BYTES = 32 * 1024 * 1024;

/**
 * Archive documents are served from the feeds folder, not memory (publish/archive-files.ts): read and compressed
 * when asked for, and the most recently asked kept within KEPT_BYTES. Clients and caches keep them for a year,
 * so they are asked for rarely and once.
 */
export class ArchiveLoader<Served extends object> {
  private readonly kept = new Map<string, { feed: Served; bytes: number }>();
  private keptBytes = 0;
  private readonly loading = new Map<string, Promise<Served | undefined>>();

  constructor(
    private readonly root: string,
    /** Makes the file ready to serve, headers and all, from its bytes. */
    private readonly toStored: (file: OutputFile) => Served,
  ) {}

  /** The file ready to serve; undefined when the folder no longer holds it (a newer build removed it). */
  load(file: ArchiveFile): Promise<Served | undefined> {
    const key = `${file.path} ${file.tag}`;
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return Promise.resolve(hit.feed);
    }
    // Requests for a page while it is read share the one read: each would otherwise read, compress and keep it.
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.read(key, file).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async read(key: string, file: ArchiveFile): Promise<Served | undefined> {
    let body: Buffer;
    try {
      body = await readFile(join(this.root, file.path));
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
      throw error;
    }
    const { gzip } = await compress(body);
    const { path, type, lastModified, tag } = file;
    const feed = this.toStored({ path, type, lastModified, body, gzip, hash: tag });
    this.keep(key, feed, body.length + gzip.length);
    return feed;
  }

  private keep(key: string, feed: Served, bytes: number): void {
    this.kept.set(key, { feed, bytes });
    this.keptBytes += bytes;
    for (const [oldest, entry] of this.kept) {
      if (this.keptBytes <= KEPT_BYTES) break;
      this.kept.delete(oldest);
      this.keptBytes -= entry.bytes;
    }
  }
}
