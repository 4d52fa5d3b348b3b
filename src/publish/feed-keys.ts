import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import type { FeedPlan } from '../model/plan.js';
import { FEED_FORMATS } from '../render/formats.js';
import type { OutputFile } from './output.js';

export const FEED_KEYS_FILE = 'feed-keys.json';
/** Bump when what a key covers changes. */
const SCHEMA = 1;

/** What a published feed was rendered from (its key) and the hashes of the files it made, format by format. */
export interface FeedKey {
  readonly key: string;
  readonly hashes: readonly string[];
}

/** Where the keys are kept, and what else a feed's bytes depend on. */
export interface FeedKeyOptions {
  readonly file: string;
  /** Courier's version: another version may render the same records differently. */
  readonly version: string;
  /** A record file's size, mtime and inode as the loader last saw them: its body is read from that file. */
  readonly stampOf: (file: string) => string | undefined;
}

/**
 * A key for everything a feed's bytes are made of: Courier's version, the site settings, the plan's name
 * and date, and each article whole with the stamp of the file its body is read from. Equal keys, equal bytes.
 */
export function feedKey(options: FeedKeyOptions, site: Site, plan: FeedPlan, links = ''): string {
  const hash = createHash('sha256');
  hash.update(`${SCHEMA}\n${options.version}\n${JSON.stringify(site)}\n${links}\n`);
  hash.update(`${plan.kind}\n${plan.path}\n${plan.name ?? ''}\n${plan.changed ?? ''}\n`);
  for (const article of plan.articles) {
    hash.update(`${options.stampOf(article.file) ?? 'unknown'}\n${JSON.stringify(article)}\n`);
  }
  return hash.digest('hex');
}

/** The keys of the feeds published last, by feed path; a damaged file is said and counts as none. */
export async function readFeedKeys(path: string): Promise<{ keys: Map<string, FeedKey>; problem?: Problem }> {
  const keys = new Map<string, FeedKey>();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return { keys }; // none yet: every feed is rendered
    throw withContext(`reading ${path}`, error);
  }
  const data = parse(text);
  if (data === undefined) {
    const message = 'ignored the feed keys: the file is damaged; every feed is rendered again';
    return { keys, problem: { file: path, field: '(feed keys)', message, severity: 'warning' } };
  }
  for (const [feed, entry] of Object.entries(data)) keys.set(feed, entry);
  return { keys };
}

export async function writeFeedKeys(path: string, keys: ReadonlyMap<string, FeedKey>): Promise<void> {
  await writeAtomically(path, `${JSON.stringify({ schema: SCHEMA, feeds: Object.fromEntries(keys) })}\n`);
}

function parse(text: string): Record<string, FeedKey> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // torn or hand-edited: the caller says so
    throw error;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { schema, feeds } = data as { schema?: unknown; feeds?: unknown };
  if (schema !== SCHEMA) return {}; // written by another version: every feed is rendered, quietly
  if (typeof feeds !== 'object' || feeds === null) return undefined;
  const valid = Object.values(feeds).every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as FeedKey).key === 'string' &&
      Array.isArray((entry as FeedKey).hashes),
  );
  return valid ? (feeds as Record<string, FeedKey>) : undefined;
}

/** Each feed's key with the hashes of the files it made, format by format. */
export function keysOf(
  keys: ReadonlyMap<FeedPlan, string>,
  files: ReadonlyMap<string, OutputFile>,
): Map<string, FeedKey> {
  const saved = new Map<string, FeedKey>();
  for (const [plan, key] of keys) {
    const hashes = FEED_FORMATS.map((format) => files.get(plan.path + format.file)?.hash ?? '');
    saved.set(plan.path, { key, hashes });
  }
  return saved;
}

export function sameKeys(a: ReadonlyMap<string, FeedKey>, b: ReadonlyMap<string, FeedKey>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, entry] of a) {
    const other = b.get(path);
    if (other?.key !== entry.key || other.hashes.join() !== entry.hashes.join()) return false;
  }
  return true;
}
