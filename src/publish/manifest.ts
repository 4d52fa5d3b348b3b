import { statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import type { ArchiveFile } from './archive-files.js';
import { stampOf, type FileStamps } from './file-stamps.js';
import { onDemandFile, stampedSizes } from './on-demand.js';
import { hashOf, VARIANT_SUFFIXES, type OutputFile } from './output.js';

export { VARIANT_SUFFIXES } from './output.js';

export const MANIFEST_FILE = 'manifest.json';

interface ManifestEntry {
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly lastModified: string;
  /** Absent or without a hash in manifests of older versions: such variants are written again. */
  readonly gzip?: { readonly size: number; readonly sha256?: string };
  /** Older versions wrote a brotli variant too: listed here, removed by the next build (LEGACY_SUFFIXES). */
  readonly br?: unknown;
  /** The Link header of a feed that names WebSub hubs; absent when it names none. */
  readonly link?: string;
}

/** An archive document's file: written once at an address of its own, checked on disk by its size alone. */
interface ArchiveEntry {
  readonly type: string;
  readonly size: number;
  readonly tag: string;
  readonly lastModified: string;
}

/**
 * The manifest: every generated file's hash, size, media type and Last-Modified, and the hash of each
 * compressed variant, so that every variant on disk can be checked, sorted by path; then the archive
 * documents' files (archive-files.ts), which have no variants.
 */
export function renderManifest(files: readonly OutputFile[], archives: readonly ArchiveFile[] = []): string {
  const entries: Record<string, ManifestEntry> = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    entries[file.path] = {
      type: file.type,
      size: sizeOf(file),
      sha256: file.hash,
      lastModified: new Date(file.lastModified).toISOString(),
      ...variantsOf(file),
      ...(file.link !== undefined && { link: file.link }),
    };
  }
  const archived: Record<string, ArchiveEntry> = {};
  for (const file of [...archives].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const { type, size, tag } = file;
    archived[file.path] = { type, size, tag, lastModified: new Date(file.lastModified).toISOString() };
  }
  return `${JSON.stringify({ version: 3, files: entries, archives: archived }, null, 2)}\n`;
}

type Variants = Required<Pick<ManifestEntry, 'gzip'>>;

/**
 * What the manifest says of each file's compressed variants: hashed once per file, or read from the manifest;
 * and the size of a file whose bytes are not held (read on demand), so that writing a manifest reads none.
 */
const knownVariants = new WeakMap<OutputFile, Variants>();
const knownSizes = new WeakMap<OutputFile, number>();

function variantsOf(file: OutputFile): Variants {
  let variants = knownVariants.get(file);
  if (variants === undefined) {
    variants = { gzip: { size: file.gzip.length, sha256: hashOf(file.gzip) } };
    knownVariants.set(file, variants);
  }
  return variants;
}

function sizeOf(file: OutputFile): number {
  return knownSizes.get(file) ?? file.body.length;
}

/**
 * `lean`, a file that reads its bytes on demand, described in manifests as `whole` (the same file with its
 * bytes, hashed and sized now).
 */
export function describedAs(lean: OutputFile, whole: OutputFile): OutputFile {
  knownVariants.set(lean, variantsOf(whole));
  knownSizes.set(lean, whole.body.length);
  return lean;
}

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

function manifestEntries(
  text: string,
): { entries: Record<string, ManifestEntry>; archived?: Record<string, ArchiveEntry> } | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('files' in parsed)) return undefined;
    const { files } = parsed;
    if (typeof files !== 'object' || files === null) return undefined;
    const archives = 'archives' in parsed ? parsed.archives : undefined;
    const archived = typeof archives === 'object' && archives !== null ? archives : {};
    return { entries: files as Record<string, ManifestEntry>, archived: archived as Record<string, ArchiveEntry> };
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // a torn or hand-edited manifest: reported by the caller
    throw error;
  }
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
    const file = onDemandFile(outDir, fields, sizes);
    knownSizes.set(file, sizes[0] ?? entry.size);
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

/** The file, its variants' hashes known from its manifest entry (a whole file's match it). */
function withVariants(file: OutputFile, entry: ManifestEntry): OutputFile {
  const { gzip } = entry;
  if (gzip?.sha256 === undefined) return file;
  knownVariants.set(file, { gzip: { size: gzip.size, sha256: gzip.sha256 } });
  return file;
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

/** Variants older versions wrote beside each file and this one does not: removed when a build publishes. */
export const LEGACY_SUFFIXES = ['.br'] as const;

/** The files of variants that a manifest of an older version lists and no build now writes (LEGACY_SUFFIXES). */
export function legacyVariants(text: string): string[] {
  return text.includes('"br"') ? legacyOf(manifestEntries(text)?.entries ?? {}) : [];
}

function legacyOf(entries: Record<string, ManifestEntry>): string[] {
  return Object.entries(entries).flatMap(([path, entry]) => ('br' in entry ? [`${path}.br`] : []));
}

/** The paths a manifest's text lists, archives included; none when it cannot be read. */
export function manifestPaths(text: string): string[] {
  const found = manifestEntries(text);
  return found ? [...Object.keys(found.entries), ...Object.keys(found.archived ?? {})] : [];
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
