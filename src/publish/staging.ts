import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isErrnoException } from '../lib/errors.js';
import { settleAll } from '../lib/files.js';
import { MANIFEST_FILE } from './manifest.js';
import type { OutputFile } from './output.js';

/** Where a build's files wait, whole, until every one of them is written: inside the feeds folder. */
export const STAGING_DIR = '.staging';

/**
 * A build publishes in two steps, so that no crash, kill or full disk leaves a file whose variants disagree
 * for good. Stage: every variant of every changed file is written under .staging/, then the new manifest
 * there, by a rename, last; a failure here removes .staging/ and the published folder is untouched. Commit:
 * each staged variant is renamed over its published name, files no longer built are removed, and the staged
 * manifest is renamed over the published one. A process that dies during the commit leaves .staging/ with
 * its manifest, and `recover` rolls the commit forward; one that dies before leaves no staged manifest, and
 * `recover` throws the staging away.
 */
export async function stage(
  outDir: string,
  changed: readonly OutputFile[],
  manifest: string,
  opened = false,
): Promise<void> {
  const staging = join(outDir, STAGING_DIR);
  try {
    if (!opened) await openStaging(outDir);
    await settleAll(changed.map((file) => stageFile(outDir, file)));
    await writeFile(join(staging, `${MANIFEST_FILE}.tmp`), manifest);
    await rename(join(staging, `${MANIFEST_FILE}.tmp`), join(staging, MANIFEST_FILE));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Removes .staging/ and what it holds: a build that failed before it staged its manifest. */
export async function discardStaging(outDir: string): Promise<void> {
  await rm(join(outDir, STAGING_DIR), { recursive: true, force: true });
}

/** Empties .staging/ for a new build: what an interrupted one left there is never published. */
export async function openStaging(outDir: string): Promise<void> {
  const staging = join(outDir, STAGING_DIR);
  await rm(staging, { recursive: true, force: true });
  await makeFolder(staging);
}

/** Stages every variant of one file (openStaging first): a file finished while the build goes on. */
export async function stageFile(outDir: string, file: OutputFile): Promise<void> {
  const staged = join(outDir, STAGING_DIR, file.path);
  await mkdir(dirname(staged), { recursive: true });
  await Promise.all(variants(file).map(([suffix, bytes]) => writeFile(staged + suffix, bytes)));
}

/**
 * Stages one file given as pieces, written with one writev: an archive document, staged while the build goes on
 * (openStaging first), so that its bytes need not wait in memory for the rest of the build.
 */
export async function stageChunks(outDir: string, path: string, chunks: readonly Buffer[]): Promise<void> {
  const target = join(outDir, STAGING_DIR, path);
  await mkdir(dirname(target), { recursive: true });
  const handle = await open(target, 'w');
  try {
    await handle.writev(chunks as Buffer[]);
  } finally {
    await handle.close();
  }
}

/**
 * `mkdir -p` that reports what really went wrong: Node's recursive mkdir reports a read-only file system
 * (EROFS) as ENOENT (nodejs/node#47098), which would tell the operator the folder is missing.
 */
async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return;
    // A missing parent: make it, then this folder; anything else is the real error.
    if (!isErrnoException(error) || error.code !== 'ENOENT' || dirname(path) === path) throw error;
    await makeFolder(dirname(path));
    await makeFolder(path);
  }
}

function variants(file: OutputFile): Array<readonly [string, Buffer]> {
  return [
    ['.gz', file.gzip],
    ['', file.body],
  ];
}

/** Every file under .staging/, as paths relative to it; none when it does not exist. */
export async function stagedFiles(staging: string): Promise<string[]> {
  try {
    const entries = await readdir(staging, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(staging.length + 1));
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return [];
    throw error;
  }
}
