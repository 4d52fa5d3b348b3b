import { statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import type { ArchiveFile } from './archive-files.js';
import { stampOf, type FileStamps } from './file-stamps.js';
import {
  legacyOf,
  MANIFEST_FILE,
  manifestEntries,
  withSize,
  withVariants,
  type ArchiveEntry,
  type ManifestEntry,
} from './manifest.js';
import { onDemandFile, stampedSizes } from './on-demand.js';
import { hashOf, VARIANT_SUFFIXES, type OutputFile } from './output.js';

/** What the feeds folder holds of the last build, and what was wrong with its manifest, if anything. */
export interface PreviousBuild {
  /** The files whose every variant matches the manifest. */
  readonly files: Map<string, OutputFile>;
  /** The archive documents' files found on disk at their size. */
  readonly archives: Map<string, ArchiveFile>;
  /** Every path the manifest lists, whole or not: what a build that no longer makes one must remove. */
  readonly listed: readonly string[];
  /** How many of `files` were known by their stamps, not hashed. */
  readonly stamped: number;
  /** Files of variants an older version wrote (legacyVariants): the next build publishes and removes them. */
  readonly legacy: readonly string[];
  readonly problems: readonly Problem[];
}

/**
 * The files of the last build found on disk, each checked against the manifest: a file that is missing
 * or whose bytes do not match is left out, so the next build writes it again. No manifest is a first build;
 * a manifest that cannot be read is reported, and every file is written again. `onDemand`: the files known by
 * their stamps are not read now but when their bytes are first asked for (on-demand.ts).
 */
export async function readPreviousBuild(
  outDir: string,
  stamps: ReadonlyMap<string, FileStamps> = new Map(),
  onDemand = false,
): Promise<PreviousBuild> {
  const files = new Map<string, OutputFile>();
  const archives = new Map<string, ArchiveFile>();
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      return { files, archives, listed: [], problems: [], stamped: 0, legacy: [] };
    }
    throw withContext(`cannot read ${join(outDir, MANIFEST_FILE)}`, error);
  }
  const { entries, archived } = manifestEntries(text) ?? {};
  if (!entries) {
    const message = 'expected the manifest of the last build (JSON), found something else; every file is written again';
    const problems: Problem[] = [{ file: MANIFEST_FILE, field: '(file)', message, severity: 'warning' }];
    return { files, archives, listed: [], problems, stamped: 0, legacy: [] };
  }
  let stamped = 0;
  await Promise.all(
    Object.entries(entries).map(async ([path, entry]) => {
      const verified = await verifiedFile(outDir, path, entry, stamps.get(path), onDemand);
      if (verified) files.set(path, verified.file);
      if (verified?.stamped) stamped += 1;
    }),
  );
  for (const [path, entry] of Object.entries(archived ?? {})) {
    const file = archiveOnDisk(outDir, path, entry);
    if (file) archives.set(path, file);
  }
  const listed = [...Object.keys(entries), ...Object.keys(archived ?? {})];
  return { files, archives, listed, problems: [], stamped, legacy: legacyOf(entries) };
}

/**
 * The file as the manifest describes it, with its variants, or undefined when any is missing or differs. Files
 * that show the stamps the build that published them saw (file-stamps.ts) are those very files: not hashed.
 */
async function verifiedFile(
  outDir: string,
  path: string,
  entry: ManifestEntry,
  known: FileStamps | undefined,
  onDemand: boolean,
): Promise<{ file: OutputFile; stamped: boolean } | undefined> {
  const lastModified = Date.parse(entry.lastModified);
  if (Number.isNaN(lastModified)) return undefined;
  const link = typeof entry.link === 'string' ? { link: entry.link } : {};
  const fields = { path, type: entry.type, hash: entry.sha256, lastModified, ...link };
  const sizes = onDemand && known?.hash === entry.sha256 ? stampedSizes(outDir, path, known) : undefined;
  if (sizes !== undefined) {
    const file = withSize(onDemandFile(outDir, fields, sizes), sizes[0] ?? entry.size);
    return { file: withVariants(file, entry), stamped: true };
  }
  let variants: Array<{ bytes: Buffer; stamp: string }>;
  try {
    variants = await Promise.all(VARIANT_SUFFIXES.map((suffix) => readStamped(join(outDir, path + suffix))));
  } catch (error) {
    if (isErrnoException(error)) return undefined; // missing or unreadable: written again by the next build
    throw error;
  }
  const [body, gzip] = variants.map((variant) => variant.bytes) as [Buffer, Buffer];
  const stamped =
    known?.hash === entry.sha256 && variants.every((variant, index) => variant.stamp === known.variants[index]);
  // A variant of another version (a build killed between renames, by an older Courier) is a torn file.
  const whole = stamped || (hashOf(body) === entry.sha256 && hashOf(gzip) === entry.gzip?.sha256);
  if (!whole) return undefined;
  return { file: withVariants({ ...fields, body, gzip }, entry), stamped };
}

/**
 * An archive file as the manifest describes it when the folder holds it at its size. Its address holds its
 * version and it was renamed into place whole, so its size is enough to tell it is there. Synchronous: a stat
 * each of 2,300 archive files took a new process 85 ms as promises, a third of that as calls.
 */
function archiveOnDisk(outDir: string, path: string, entry: ArchiveEntry): ArchiveFile | undefined {
  const lastModified = Date.parse(entry.lastModified);
  if (typeof entry.tag !== 'string' || typeof entry.type !== 'string' || Number.isNaN(lastModified)) return undefined;
  try {
    const { size } = statSync(join(outDir, path));
    return size === entry.size ? { path, type: entry.type, size, tag: entry.tag, lastModified } : undefined;
  } catch (error) {
    if (isErrnoException(error)) return undefined; // missing: written again by the next build
    throw error;
  }
}

/** A file's bytes and its stamp, taken from the one open file. */
async function readStamped(path: string): Promise<{ bytes: Buffer; stamp: string }> {
  const handle = await open(path, 'r');
  try {
    const stamp = stampOf(await handle.stat());
    return { bytes: await handle.readFile(), stamp };
  } finally {
    await handle.close();
  }
}
