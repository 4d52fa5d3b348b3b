import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { isErrnoException } from '../lib/errors.js';
import { readKeyFile, writeKeyFile, type KeyFile } from './key-file.js';
import { VARIANT_SUFFIXES, type OutputFile } from './output.js';

export const FILE_STAMPS_FILE = 'file-stamps.json';

/**
 * A published file as a build left it: its hash, and each variant's inode, size and mtime as the folder
 * showed them once it was published. A file that shows the same stamps again is the very file renamed into
 * place then, so a new process need not hash it to know it is whole; any other file (another build's,
 * a copy of the folder, one edited) has other stamps and is hashed against the manifest.
 */
export interface FileStamps {
  readonly hash: string;
  readonly variants: readonly string[];
}

/** The stamp of a file as the file system shows it. */
export function stampOf(stats: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>): string {
  return `${stats.ino}/${stats.size}/${stats.mtimeMs}`;
}

function stampsFile(path: string): KeyFile<FileStamps> {
  return {
    path,
    schema: 1,
    entries: 'files',
    what: 'file stamps',
    redone: 'every published file is hashed',
    isEntry: (entry): entry is FileStamps =>
      'hash' in entry && typeof entry.hash === 'string' && 'variants' in entry && Array.isArray(entry.variants),
  };
}

/** The stamps kept in the state folder; none when missing or damaged (every file is then hashed, as before). */
export async function readFileStamps(path: string): Promise<ReadonlyMap<string, FileStamps>> {
  try {
    return (await readKeyFile(stampsFile(path))).keys;
  } catch (error) {
    if (isErrnoException(error)) return new Map(); // unreadable: only speed depends on it
    throw error;
  }
}

/** Stamps every variant of every file now published (call after the commit), and keeps them. */
export async function writeFileStamps(path: string, outDir: string, files: readonly OutputFile[]): Promise<void> {
  const entries = await Promise.all(
    files.map(async (file) => {
      const variants = await Promise.all(
        VARIANT_SUFFIXES.map(async (suffix) => stampOf(await stat(join(outDir, file.path + suffix)))),
      );
      return [file.path, { hash: file.hash, variants }] as const;
    }),
  );
  await writeKeyFile(stampsFile(path), new Map(entries));
}
