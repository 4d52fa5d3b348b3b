import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../content/types.js';
import { isMapping } from '../content/yaml.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';

/** A public article of the last published build, as the guards and the identity check need to know it. */
export interface PublishedArticle {
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly published: number;
  /** False for a retracted article: it is kept for the kill notices partners get and the feeds it names. */
  readonly public: boolean;
  /** The whole record, for an article that stands in a feed or is retracted: what it keeps if its file breaks. */
  readonly article?: Article;
}

/** The public articles of the last published build, by id. */
export type PublishedIndex = ReadonlyMap<string, PublishedArticle>;

const FILE = 'published.json';

/**
 * The record of what the last build published, kept in the state folder (never in the feeds folder: it holds
 * embargo-free but unpublished detail such as file names). With no state folder it lives in memory only.
 */
export class PublishedRecord {
  private last: PublishedIndex | undefined;
  private lastText: string | undefined;

  constructor(private readonly stateDir: string | undefined) {}

  /** The index of the last published build; undefined before any build was published. */
  async read(): Promise<PublishedIndex | undefined> {
    if (this.last !== undefined || this.stateDir === undefined) return this.last;
    const path = join(this.stateDir, FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
      throw withContext(`reading ${path}`, error);
    }
    this.last = parseIndex(text);
    this.lastText = text;
    return this.last;
  }

  /** Saves the index; the very index saved last, or one that says the same, is not written again. */
  async write(index: PublishedIndex): Promise<void> {
    if (index === this.last && this.lastText !== undefined) return;
    // A new process with nothing changed: compared entry by entry, not serialised again (12 MB at 50,000).
    const same = this.last !== undefined && this.lastText !== undefined && sameIndex(index, this.last);
    if (same || this.stateDir === undefined) {
      this.last = index;
      return;
    }
    const text = `${JSON.stringify({ version: 1, articles: [...index.values()] })}\n`;
    if (text !== this.lastText) await writeAtomically(join(this.stateDir, FILE), text);
    // Only once written: a write that failed (a full disk) is tried again by the next build.
    this.last = index;
    this.lastText = text;
  }
}

/** Whether two indexes say the same: the same articles, each with the same fields and the same record, if any. */
function sameIndex(a: PublishedIndex, b: PublishedIndex): boolean {
  if (a.size !== b.size) return false;
  for (const [id, entry] of a) {
    const other = b.get(id);
    if (
      other?.id !== entry.id ||
      entry.file !== other.file ||
      entry.title !== other.title ||
      entry.published !== other.published ||
      entry.public !== other.public ||
      (entry.article !== other.article && JSON.stringify(entry.article) !== JSON.stringify(other.article))
    ) {
      return false;
    }
  }
  return true;
}

/** What the file holds; a damaged file reads as no record (the guards then compare with nothing). */
function parseIndex(text: string): PublishedIndex | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // torn or hand-edited: treated as no previous build
    throw error;
  }
  if (!isMapping(data) || !Array.isArray(data.articles)) return undefined;
  const index = new Map<string, PublishedArticle>();
  for (const entry of data.articles as unknown[]) {
    if (!isMapping(entry)) continue;
    const { id, file, title, published } = entry;
    if (typeof id !== 'string' || typeof file !== 'string' || typeof title !== 'string') continue;
    if (typeof published !== 'number') continue;
    const isPublic = entry.public !== false;
    // Our own file, written by write() from validated records: the record is taken back as it was written.
    const article = isMapping(entry.article) ? (entry.article as unknown as Article) : undefined;
    index.set(id, { id, file, title, published, public: isPublic, ...(article && { article }) });
  }
  return index;
}

/**
 * The index of a build: every public article, with the whole record of those standing in a feed, and every
 * retracted article out of embargo, whole (few, and they make kill notices and keep their feeds alive).
 */
export function indexOf(records: readonly Article[], now: number, inFeeds: ReadonlySet<Article>): PublishedIndex {
  const released = records.filter((article) => article.status !== 'draft' && article.published <= now);
  return new Map(
    released.map((article) => {
      const isPublic = article.status === 'published';
      const whole = !isPublic || inFeeds.has(article);
      const { id, file, title, published } = article;
      return [id, { id, file, title, published, public: isPublic, ...(whole && { article }) }];
    }),
  );
}
