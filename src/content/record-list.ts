import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isErrnoException, withContext } from '../lib/errors.js';

export const ARTICLES_DIR = 'articles';

/** The record files under <content>/articles as one walk found them, and the folders it walked. */
export interface RecordListing {
  /** Every record's path under the content folder ('/'-separated), sorted. */
  readonly files: readonly string[];
  /**
   * Every folder the walk went through, by its path under the content folder ('/'-separated): a new record in
   * one of them is where the next walk would find it, so it can be taken without walking again.
   */
  readonly folders: ReadonlySet<string>;
}

/**
 * Lists every record; folders are told apart by their directory entries, with no stat, except symbolic links,
 * which are followed (a folder linked in from elsewhere), each real folder walked once.
 */
export function listRecords(contentDir: string): RecordListing {
  const files: string[] = [];
  const folders = new Set<string>();
  const walked = new Set<string>();
  const walk = (folder: string): void => {
    const dir = join(contentDir, folder);
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
    folders.add(folder);
    // In name order, so which of two links to one folder is read is never up to the file system.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = `${folder}/${entry.name}`;
      const kind = entry.isSymbolicLink() ? linkedKind(join(contentDir, path)) : entry;
      if (kind?.isDirectory()) walk(path);
      // A link to nothing is listed like a record, and is left out when it fails to open.
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(ARTICLES_DIR);
  return { files: files.sort(), folders };
}

/**
 * Whether `file` (a path under the content folder, '/'-separated) is a record a walk would list: a Markdown
 * file under the articles folder, in no hidden folder.
 */
export function isRecordPath(file: string): boolean {
  const parts = file.split('/');
  return (
    parts[0] === ARTICLES_DIR && file.endsWith('.md') && parts.every((part) => part !== '' && !part.startsWith('.'))
  );
}

/** The folder of a record's path ('articles/2026/11/a.md' is in 'articles/2026/11'). */
export function folderOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
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
