import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isErrnoException, withContext } from '../lib/errors.js';
import { articleBody, parseArticle, type ParsedArticle } from './article.js';
import type { Site } from './site.js';

export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** A record file's size, mtime and inode: what tells a version of it from another. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

/** A parsed record with the stamp of the file it was parsed from. */
export interface CacheEntry extends FileStamp {
  readonly result: ParsedArticle;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the file is still the one the entry was parsed from: same size, mtime and inode. */
export function sameFile(path: string, entry: CacheEntry): boolean {
  return sameStamp(statSync(path), entry);
}

/** Whether a stamp taken of the file (record-survey.ts) is the one the entry was parsed from. */
export function sameStamp(stamp: FileStamp, entry: CacheEntry): boolean {
  return entry.mtimeMs === stamp.mtimeMs && entry.size === stamp.size && entry.ino === stamp.ino;
}

/**
 * A record listed a moment ago can be gone by the time it is read (renamed or deleted by an editor, a git
 * checkout): it is left out of this build, and the next build finds it under its new name.
 */
export function vanishedMeanwhile<T>(read: () => T): T | 'vanished' {
  try {
    return read();
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return 'vanished';
    throw error;
  }
}

/** A record read and parsed from its file as a load does, or 'vanished' when it is gone. */
export function readRecordEntry(contentDir: string, file: string, site: Site): CacheEntry | 'vanished' {
  return vanishedMeanwhile(() => readRecord(join(contentDir, file), file, site));
}

/** Reads and parses one record, taking its size, mtime and inode from the open file for the cache. */
function readRecord(path: string, file: string, site: Site): CacheEntry {
  const fd = openSync(path, 'r');
  try {
    const { mtimeMs, size, ino } = fstatSync(fd);
    const entry = (result: ParsedArticle): CacheEntry => ({ mtimeMs, size, ino, result });
    if (size > MAX_ARTICLE_BYTES) {
      const found = (size / 1024 / 1024).toFixed(1);
      return entry(fileProblem(file, `expected at most ${MAX_ARTICLE_BYTES / 1024 / 1024} MB, found ${found} MB`));
    }
    const text = decodeRecord(readOpen(fd, size));
    if (text !== undefined) return entry(parseArticle(text, file, site));
    return entry(fileProblem(file, 'expected UTF-8 text, found bytes that are not valid UTF-8'));
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of an open file whose size was just taken (readFileSync(fd) would take it once more): up to that
 * size, fewer if the file was cut short meanwhile.
 */
function readOpen(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const got = readSync(fd, bytes, read, size - read, read);
    if (got === 0) break;
    read += got;
  }
  return read < size ? bytes.subarray(0, read) : bytes;
}

/** The Markdown body of the record file at `path`, as the feeds carry it (see articleBody). */
export function readRecordBody(path: string): string {
  return articleBody(decodeRecord(readFileSync(path)) ?? '');
}

/**
 * A record file gone between the build's look at it and the read of its body (deleted, renamed, a checkout
 * under way): the build is made again, and that look leaves it out or finds it under its new name.
 */
export class RecordVanished extends Error {
  constructor(readonly file: string) {
    super(`${file} was gone when the build read its body`);
    this.name = 'RecordVanished';
  }
}

/** UTF-8 text with any byte-order mark dropped and line endings made LF; undefined if not UTF-8. */
function decodeRecord(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    // A TypeError is how the fatal decoder refuses bytes that are not UTF-8: the caller reports that.
    if (error instanceof TypeError) return undefined;
    throw withContext('decoding a record as UTF-8', error);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function fileProblem(file: string, message: string): ParsedArticle {
  return { problems: [{ file, field: '(file)', message }] };
}
