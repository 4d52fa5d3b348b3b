import { rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isErrnoException } from '../lib/errors.js';

/**
 * Removes the folders that removed files leave empty, deepest first, up to (never including) the feeds folder:
 * an archive page that moved to a new version leaves its old version's folder behind (model/archive.ts).
 */
export async function removeEmptyFolders(outDir: string, removed: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const path of removed) {
    for (let folder = dirname(path); folder !== '.' && folder !== '/' && folder !== ''; folder = dirname(folder)) {
      folders.add(folder);
    }
  }
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? -1 : 1));
  for (const folder of deepestFirst) {
    try {
      await rmdir(join(outDir, folder));
    } catch (error) {
      // Not empty (it holds files still published), already gone, or not ours to remove: the build is published
      // already, and an empty folder left behind is harmless (no manifest lists it, nothing serves it).
      if (isErrnoException(error)) continue;
      throw error;
    }
  }
}
