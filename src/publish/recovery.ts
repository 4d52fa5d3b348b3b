import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException } from '../lib/errors.js';
import { isArchivesFolder } from '../model/archive.js';
import { commit } from './commit.js';
import { legacyVariants, MANIFEST_FILE, manifestPaths } from './manifest.js';
import { stagedFiles, STAGING_DIR } from './staging.js';

/**
 * Brings the folder back to one whole build after a process died in the middle of one: rolls a staged build
 * forward when its manifest made it to .staging/, throws it away otherwise, and removes temporary files left
 * by older versions' writes. Returns what it did, for the log.
 */
export async function recover(outDir: string): Promise<'nothing' | 'rolled forward' | 'discarded'> {
  const staging = join(outDir, STAGING_DIR);
  await removeTemporaryFiles(outDir);
  const staged = await readIfExists(join(staging, MANIFEST_FILE));
  if (staged === undefined) {
    const existed = (await stagedFiles(staging)).length > 0;
    await rm(staging, { recursive: true, force: true });
    return existed ? 'discarded' : 'nothing';
  }
  const previous = await readIfExists(join(outDir, MANIFEST_FILE));
  const keep = new Set(manifestPaths(staged));
  const removed = previous === undefined ? [] : manifestPaths(previous).filter((path) => !keep.has(path));
  await commit(outDir, removed, previous === undefined ? [] : legacyVariants(previous));
  return 'rolled forward';
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `.tmp-*` files: what writeAtomically left behind when a process of an older version was killed between write
 * and rename. Looked for in the feed folders only: archive folders came after staging, and no version ever
 * wrote a temporary file there (at 10,000 records they are nine files in ten).
 */
async function removeTemporaryFiles(outDir: string, folder = ''): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(outDir, folder), { withFileTypes: true });
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return;
    throw error;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isFile() && entry.name.startsWith('.tmp-')) await rm(join(outDir, path), { force: true });
      else if (entry.isDirectory() && path !== STAGING_DIR && !isArchivesFolder(path)) {
        await removeTemporaryFiles(outDir, path);
      }
    }),
  );
}
