import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { isErrnoException, withContext } from '../lib/errors.js';
import { articleBody, parseArticle, type ParsedArticle } from './article.js';
import type { Article } from './types.js';
import type { Problem } from './problem.js';
import type { Site } from './site.js';

export const ARTICLES_DIR = 'articles';
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

export interface LoadedContent {
  readonly articles: readonly Article[];
  /** The errors of records left out, and the warnings of records published all the same. */
  readonly problems: readonly Problem[];
  /** How many records were read and parsed anew, rather than taken from the cache. */
  readonly parsed: number;
  /** Whether the parsed records differ from the last load's (one parsed anew, or one gone). */
  readonly changed: boolean;
}

/** A parsed record with the size, mtime and inode of the file it was parsed from. */
export interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
  readonly result: ParsedArticle;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads every record under <content>/articles. Records whose file is unchanged since the last call (same
 * size, mtime and inode) are taken from memory, so a run over an unchanged archive only lists and stats.
 */
export class ArticleLoader {
  private cache = new Map<string, CacheEntry>();
  private cachedFor: Site | undefined;

  constructor(private readonly contentDir: string) {}

  /** Reads every record; `progress` is told after each one how many of how many are done. */
  load(site: Site, progress: (done: number, total: number) => void = () => undefined): LoadedContent {
    const steps = this.steps(site, progress);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * Like `load`, but gives the event loop a turn whenever it has worked `sliceMs` without one, so a server
   * that builds in its own thread keeps answering requests while 50,000 records are listed and checked.
   */
  async loadInSlices(site: Site, progress: (done: number, total: number) => void, sliceMs = 5): Promise<LoadedContent> {
    const steps = this.steps(site, progress);
    let sliceStart = performance.now();
    let step = steps.next();
    while (!step.done) {
      if (performance.now() - sliceStart >= sliceMs) {
        await setImmediate();
        sliceStart = performance.now();
      }
      step = steps.next();
    }
    return step.value;
  }

  /** The parsed records of the last load, by file, and the settings they were parsed with: for a cache on disk. */
  snapshot(): { readonly site: Site | undefined; readonly entries: ReadonlyMap<string, CacheEntry> } {
    return { site: this.cachedFor, entries: this.cache };
  }

  /** Starts from records parsed by an earlier process (a cache on disk made with these very settings). */
  seed(site: Site, entries: ReadonlyMap<string, CacheEntry>): void {
    this.cachedFor = site;
    this.cache = new Map(entries);
  }

  /** The work of one load, a record per step, so it can run at once or in slices. */
  private *steps(site: Site, progress: (done: number, total: number) => void): Generator<void, LoadedContent> {
    if (this.cachedFor !== site) this.cache = new Map();
    this.cachedFor = site;
    const next = new Map<string, CacheEntry>();
    const results: ParsedArticle[] = [];
    let parsed = 0;
    const paths = this.listRecords();
    yield;
    for (const [index, path] of paths.entries()) {
      progress(index, paths.length);
      const file = relative(this.contentDir, path).split(sep).join('/');
      const cached = this.cache.get(file);
      const entry = vanishedMeanwhile(() => (cached && unchanged(path, cached) ? cached : undefined));
      if (entry === 'vanished') continue;
      let current = entry;
      if (!current) {
        const read = vanishedMeanwhile(() => readRecord(path, file, site));
        if (read === 'vanished') continue;
        current = read;
        parsed += 1;
      }
      next.set(file, current);
      results.push(current.result);
      yield;
    }
    progress(paths.length, paths.length);
    const changed = parsed > 0 || next.size !== this.cache.size;
    this.cache = next;
    return { ...rejectDuplicateIds(results), parsed, changed };
  }

  /** An article's Markdown body, read again from its file. */
  readBody(article: Article): string {
    return readRecordBody(join(this.contentDir, article.file));
  }

  /**
   * Every record's path, sorted; folders are told apart by their directory entries, with no stat, except
   * symbolic links, which are followed (a folder linked in from elsewhere), each real folder walked once.
   */
  private listRecords(): string[] {
    const paths: string[] = [];
    const walked = new Set<string>();
    const walk = (dir: string): void => {
      const real = realOrUndefined(dir);
      if (real === undefined || walked.has(real)) return; // gone meanwhile, or a link back to a folder walked
      walked.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        if (isErrnoException(error) && error.code === 'ENOENT') return; // no articles yet, or removed meanwhile
        throw withContext(`listing the records in ${dir}`, error);
      }
      // In name order, so which of two links to one folder is read is never up to the file system.
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (entry.name.startsWith('.')) continue;
        const kind = entry.isSymbolicLink() ? linkedKind(join(dir, entry.name)) : entry;
        if (kind?.isDirectory()) walk(join(dir, entry.name));
        // A link to nothing is listed like a record, and is left out when it fails to open (vanishedMeanwhile).
        else if (entry.name.endsWith('.md')) paths.push(join(dir, entry.name));
      }
    };
    walk(join(this.contentDir, ARTICLES_DIR));
    return paths.sort();
  }
}

/** A folder's real path, or undefined when it is gone (a dangling link). */
function realOrUndefined(dir: string): string | undefined {
  try {
    return realpathSync(dir);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined; // removed meanwhile, or dangling
    throw withContext(`resolving ${dir}`, error);
  }
}

/** What a symbolic link points at (a folder, a file), or undefined when it dangles or loops. */
function linkedKind(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ELOOP')) return undefined; // dangling
    throw withContext(`following the link ${path}`, error);
  }
}

function unchanged(path: string, entry: CacheEntry): boolean {
  const stats = statSync(path);
  return entry.mtimeMs === stats.mtimeMs && entry.size === stats.size && entry.ino === stats.ino;
}

/**
 * A record listed a moment ago can be gone by the time it is read (renamed or deleted by an editor, a git
 * checkout): it is left out of this build, and the next build finds it under its new name.
 */
function vanishedMeanwhile<T>(read: () => T): T | 'vanished' {
  try {
    return read();
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return 'vanished';
    throw error;
  }
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

/** Two records with one id are both left out: neither can be trusted to be the one readers know. */
function rejectDuplicateIds(results: readonly ParsedArticle[]): Omit<LoadedContent, 'parsed' | 'changed'> {
  const byId = new Map<string, Article[]>();
  const problems: Problem[] = [];
  for (const result of results) {
    // A valid article's problems are warnings: they are reported, and the article is published.
    problems.push(...result.problems);
    if (result.article) byId.set(result.article.id, [...(byId.get(result.article.id) ?? []), result.article]);
  }
  const articles: Article[] = [];
  for (const [id, group] of byId) {
    const [first] = group;
    if (group.length === 1 && first) articles.push(first);
    else {
      for (const article of group) {
        const others = group.filter((other) => other !== article).map((other) => other.file).join(', ');
        const message = `expected an id of its own, found ${id}, also used by ${others}`;
        problems.push({ file: article.file, field: 'id', message });
      }
    }
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { articles, problems };
}
