import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { settleAll } from '../lib/files.js';
import { LEGACY_SUFFIXES, MANIFEST_FILE, VARIANT_SUFFIXES } from './manifest.js';
import { removeEmptyFolders } from './prune.js';
import { stagedFiles, STAGING_DIR } from './staging.js';

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
