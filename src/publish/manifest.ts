import type { ArchiveFile } from './archive-files.js';
import { hashOf, type OutputFile } from './output.js';

export { VARIANT_SUFFIXES } from './output.js';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
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
export interface ArchiveEntry {
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

/** A manifest's entries, or undefined when its text is not one (torn, hand-edited). */
export function manifestEntries(
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

/** The file, its variants' hashes known from its manifest entry (a whole file's match it). */
export function withVariants(file: OutputFile, entry: ManifestEntry): OutputFile {
  const { gzip } = entry;
  if (gzip?.sha256 === undefined) return file;
  knownVariants.set(file, { gzip: { size: gzip.size, sha256: gzip.sha256 } });
  return file;
}

/** The size a manifest says of a file whose bytes are not held (read on demand). */
export function withSize(file: OutputFile, size: number): OutputFile {
  knownSizes.set(file, size);
  return file;
}

/** Variants older versions wrote beside each file and this one does not: removed when a build publishes. */
export const LEGACY_SUFFIXES = ['.br'] as const;

/** The files of variants that a manifest of an older version lists and no build now writes (LEGACY_SUFFIXES). */
export function legacyVariants(text: string): string[] {
  return text.includes('"br"') ? legacyOf(manifestEntries(text)?.entries ?? {}) : [];
}

export function legacyOf(entries: Record<string, ManifestEntry>): string[] {
  return Object.entries(entries).flatMap(([path, entry]) => ('br' in entry ? [`${path}.br`] : []));
}

/** The paths a manifest's text lists, archives included; none when it cannot be read. */
export function manifestPaths(text: string): string[] {
  const found = manifestEntries(text);
  return found ? [...Object.keys(found.entries), ...Object.keys(found.archived ?? {})] : [];
}
