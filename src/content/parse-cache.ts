import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { isErrnoException } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import type { ParsedArticle } from './article.js';
import type { CacheEntry } from './record-file.js';
import type { Site } from './site.js';

export const PARSE_CACHE_FILE = 'parse-cache.json';
/** Bump whenever what a parsed record holds, or how this file stores it, changes: old caches are then ignored. */
export const PARSE_CACHE_SCHEMA = 1;

/**
 * The file: one header line, {"key", "sha256", "bytes"}, then the entries as JSON. The key names what the
 * records were parsed with (this schema, Courier's version, the site settings); the hash covers the entries,
 * so a file torn or damaged on disk is never taken for records.
 */
interface Header {
  readonly key: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** One entry: [file, mtimeMs, size, ino, parsed record]. */
type StoredEntry = [string, number, number, number, ParsedArticle];

/** What reading the cache found: entries to start from, none (missing, or made for other settings), or damage. */
export type CacheRead =
  | { readonly entries: ReadonlyMap<string, CacheEntry>; readonly damaged?: undefined }
  | { readonly entries?: undefined; readonly damaged?: string };

export function cacheKey(version: string, site: Site): string {
  return `${PARSE_CACHE_SCHEMA}|${version}|${JSON.stringify(site)}`;
}

/** The cached records for these settings, if the file holds them whole; a damaged file is said, never used. */
export async function readParseCache(path: string, key: string): Promise<CacheRead> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return {}; // no cache yet: a first build
    // Only speed depends on it: a cache that cannot be read (a folder in its place, no permission) is said.
    if (isErrnoException(error)) return { damaged: `it cannot be read (${error.code})` };
    throw error;
  }
  // Checked as bytes, decoded once: the body is hashed as it lies on disk, not encoded again from a string.
  const newline = file.indexOf(0x0a);
  const header = parseJson(file.toString('utf8', 0, newline < 0 ? file.length : newline)) as
    Partial<Header> | undefined;
  if (!header || typeof header.key !== 'string') return { damaged: 'its header is not readable' };
  if (header.key !== key) return {}; // made by another version or for other site settings: rebuilt quietly
  const body = newline < 0 ? Buffer.alloc(0) : file.subarray(newline + 1);
  if (body.length !== header.bytes || sha256(body) !== header.sha256) {
    return { damaged: 'its records do not match its checksum (cut short or damaged)' };
  }
  const stored = parseJson(body.toString('utf8'));
  if (!Array.isArray(stored) || !stored.every(isStoredEntry))
    return { damaged: 'its records are not in the expected form' };
  const entries = new Map<string, CacheEntry>();
  for (const [file, mtimeMs, size, ino, result] of stored) entries.set(file, { mtimeMs, size, ino, result });
  return { entries };
}

/**
 * Writes the cache whole or not at all (a temporary file and a rename). It serialises a slice of records at a
 * time and gives the event loop a turn between slices, so a server writing 50,000 records keeps answering.
 */
export async function writeParseCache(
  path: string,
  key: string,
  entries: ReadonlyMap<string, CacheEntry>,
): Promise<void> {
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let bytes = 0;
  // Each slice is serialised in one call and encoded once; its bytes are hashed, counted and written as they are.
  const add = (part: string) => {
    const encoded = Buffer.from(part);
    parts.push(encoded);
    hash.update(encoded);
    bytes += encoded.length;
  };
  let slice: StoredEntry[] = [];
  const flush = (last: boolean) => {
    const json = JSON.stringify(slice);
    const inner = json.slice(1, -1);
    add(`${parts.length === 0 ? '[' : inner === '' ? '' : ','}${inner}${last ? ']' : ''}`);
    slice = [];
  };
  for (const [file, entry] of entries) {
    slice.push([file, entry.mtimeMs, entry.size, entry.ino, entry.result]);
    if (slice.length === SLICE) {
      flush(false);
      await setImmediate();
    }
  }
  flush(true);
  const header: Header = { key, sha256: hash.digest('hex'), bytes };
  await writeAtomically(path, [Buffer.from(`${JSON.stringify(header)}\n`), ...parts]);
}

/** Records serialised between two turns of the event loop. */
const SLICE = 500;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // A SyntaxError is a damaged file, which the caller reports and rebuilds; anything else is ours.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function isStoredEntry(value: unknown): value is StoredEntry {
  if (!Array.isArray(value) || value.length !== 5) return false;
  const [file, mtimeMs, size, ino, result] = value as unknown[];
  return (
    typeof file === 'string' &&
    typeof mtimeMs === 'number' &&
    typeof size === 'number' &&
    typeof ino === 'number' &&
    typeof result === 'object' &&
    result !== null &&
    Array.isArray((result as { problems?: unknown }).problems)
  );
}
