import { createHash } from 'node:crypto';
import type { Problem } from '../content/problem.js';
import type { Site } from '../content/site.js';
import type { Article } from '../content/types.js';
import type { FeedPlan } from '../model/plan.js';
import { FEED_FORMATS } from '../render/formats.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file.js';
import type { OutputFile } from './output.js';

export const FEED_KEYS_FILE = 'feed-keys.json';
/** Bump when what a key covers changes. */
const SCHEMA = 2;

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
  /** What an article adds to a key: enough to tell its versions apart, body included (ContentReader.keyPartOf). */
  readonly partOf: (article: Article) => string;
}

/**
 * A key for everything a feed's bytes are made of: Courier's version, the site settings, the plan's name
 * and date, and each article (FeedKeyOptions.partOf). Equal keys, equal bytes.
 */
export function feedKey(options: FeedKeyOptions, site: Site, plan: FeedPlan, links = ''): string {
  const hash = createHash('sha256');
  hash.update(`${SCHEMA}\n${options.version}\n${JSON.stringify(site)}\n${links}\n`);
  hash.update(`${plan.kind}\n${plan.path}\n${plan.name ?? ''}\n${plan.changed ?? ''}\n`);
  for (const article of plan.articles) {
    hash.update(options.partOf(article));
  }
  return hash.digest('hex');
}

/** The keys file of the feeds published last, by feed path. */
export function feedKeyFile(path: string): KeyFile<FeedKey> {
  const isEntry = (entry: object): entry is FeedKey =>
    typeof (entry as FeedKey).key === 'string' && Array.isArray((entry as FeedKey).hashes);
  return { path, schema: SCHEMA, entries: 'feeds', what: 'feed keys', redone: 'every feed is rendered', isEntry };
}

/** The keys of the feeds published last, by feed path; a damaged file is said and counts as none. */
export function readFeedKeys(path: string): Promise<{ keys: Map<string, FeedKey>; problem?: Problem }> {
  return readKeyFile(feedKeyFile(path));
}

export function writeFeedKeys(path: string, keys: ReadonlyMap<string, FeedKey>): Promise<void> {
  return writeKeyFile(feedKeyFile(path), keys);
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
