import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { isErrnoException } from '../lib/errors.js';
import { isArchivesFolder } from '../model/archive.js';
import { settleAll } from '../lib/files.js';
import { LEGACY_SUFFIXES, legacyVariants, MANIFEST_FILE, manifestPaths, VARIANT_SUFFIXES } from './manifest.js';
import type { OutputFile } from './output.js';
import { removeEmptyFolders } from './prune.js';

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
 * Publishes what `stage` staged; `removed` are paths (without variant suffixes) no longer built, `legacy` files of
 * variants an older version wrote (legacyVariants), removed before the manifest that no longer lists them.
 */
export async function commit(
  outDir: string,
  removed: readonly string[],
  legacy: readonly string[] = [],
): Promise<void> {
  const staging = join(outDir, STAGING_DIR);
  await publishStaged(
    outDir,
    (await stagedFiles(staging)).filter((name) => name !== MANIFEST_FILE),
  );
  const suffixes = [...VARIANT_SUFFIXES, ...LEGACY_SUFFIXES];
  const files = [...removed.flatMap((path) => suffixes.map((suffix) => path + suffix)), ...legacy];
  await Promise.all(files.map((file) => rm(join(outDir, file), { force: true })));
  await rename(join(staging, MANIFEST_FILE), join(outDir, MANIFEST_FILE));
  await rm(staging, { recursive: true, force: true });
  await removeEmptyFolders(outDir, removed);
}

/** Renames the staged files over their published names, RENAMES_AT_ONCE at a time, each folder made once. */
async function publishStaged(outDir: string, names: readonly string[]): Promise<void> {
  const staging = join(outDir, STAGING_DIR);
  const folders = [...new Set(names.map((name) => dirname(join(outDir, name))))];
  const limit = pLimit(RENAMES_AT_ONCE);
  await settleAll(folders.map((folder) => limit(() => mkdir(folder, { recursive: true }).then(() => undefined))));
  await settleAll(names.map((name) => limit(() => rename(join(staging, name), join(outDir, name)))));
}

/**
 * Renames in flight while a build is published: one at a time, a cold build with archives spent a second
 * renaming its 3,000 files.
 */
const RENAMES_AT_ONCE = 16;

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
async function stagedFiles(staging: string): Promise<string[]> {
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
