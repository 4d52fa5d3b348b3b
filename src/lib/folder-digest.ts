import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Which entries of a folder a digest takes in. */
export interface DigestScope {
  /** Entries whose name starts with a dot (for the content folder: what no build reads). */
  readonly hidden: boolean;
  /** Names, at the folder's top, left out (the file that holds the digest itself). */
  readonly except?: readonly string[];
  /** Each file by its bytes rather than its stamp: the same for the same files written again. */
  readonly contents?: boolean;
}

/**
 * One hash of every file under `folder` as the file system shows it: its path, inode, size, modification and
 * change times (or, with `contents`, its path and bytes). Any file added, removed, renamed, edited or replaced gives another hash; the same files left
 * alone give the same. Links are followed, each real folder walked once. A folder that is missing digests as
 * empty; any other error (no permission, a folder gone while walked) is thrown.
 */
export function folderDigest(folder: string, scope: DigestScope): string {
  const hash = createHash('sha256');
  const walked = new Set<string>();
  const walk = (dir: string, prefix: string): void => {
    const real = realpathSync(dir);
    if (walked.has(real)) return;
    walked.add(real);
    for (const entry of sortedEntries(dir)) {
      if (!scope.hidden && entry.name.startsWith('.')) continue;
      if (prefix === '' && scope.except?.includes(entry.name)) continue;
      const path = join(dir, entry.name);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats === undefined) {
        hash.update(`${prefix}${entry.name}\tdangling\n`);
      } else if (stats.isDirectory()) {
        hash.update(`${prefix}${entry.name}/\n`);
        walk(path, `${prefix}${entry.name}/`);
      } else if (scope.contents) {
        hash.update(`${prefix}${entry.name}\t${stats.size}\n`).update(readFileSync(path));
      } else {
        hash.update(`${prefix}${entry.name}\t${stats.ino}/${stats.size}/${stats.mtimeMs}/${stats.ctimeMs}\n`);
      }
    }
  };
  if (statSync(folder, { throwIfNoEntry: false }) !== undefined) walk(folder, '');
  return hash.digest('hex');
}

function sortedEntries(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
