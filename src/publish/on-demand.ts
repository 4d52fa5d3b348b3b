import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf, type FileStamps } from './file-stamps.js';
import { VARIANT_SUFFIXES, type OutputFile } from './output.js';

/** An OutputFile without its bytes: what the manifest says of a published file. */
export type FileFields = Omit<OutputFile, 'body' | 'gzip'>;

/**
 * The sizes of a published file's variants when every one shows the stamps kept when it was published
 * (file-stamps.ts), found with a stat each and no read: then it is that very file. Undefined when any is
 * missing or differs. Synchronous: thousands of promised stats cost a new process three times as much.
 */
export function stampedSizes(outDir: string, path: string, known: FileStamps): number[] | undefined {
  try {
    const stats = VARIANT_SUFFIXES.map((suffix) => statSync(join(outDir, path + suffix)));
    return stats.every((stats, index) => stampOf(stats) === known.variants[index])
      ? stats.map((stats) => stats.size)
      : undefined;
  } catch {
    return undefined; // missing or unreadable: read and hashed as any other file, and written again if need be
  }
}

/**
 * A published file whose bytes are read from the folder when first asked for, for a process that builds once
 * and serves nothing (`courier build`): an unchanged file it carries over is never read at all. Call only for
 * files that showed their stamps (or were just staged); a variant whose size then differs changed under the
 * build, which fails. `folder`: where it is, or where it is at the moment of asking (staged, then published).
 */
export function onDemandFile(
  folder: string | (() => string),
  fields: FileFields,
  sizes: readonly number[],
): OutputFile {
  const bytes: Array<Buffer | undefined> = [];
  const read = (index: number): Buffer => {
    let variant = bytes[index];
    if (variant === undefined) {
      const path = join(typeof folder === 'string' ? folder : folder(), fields.path + (VARIANT_SUFFIXES[index] ?? ''));
      variant = readFileSync(path);
      if (variant.length !== sizes[index]) {
        throw new Error(`${path} changed on disk while the build ran; build again`);
      }
      bytes[index] = variant;
    }
    return variant;
  };
  return {
    ...fields,
    get body() {
      return read(0);
    },
    get gzip() {
      return read(1);
    },
  };
}

/** `file` without its bytes: each read again from `folder` (where it is at the moment of asking) when asked for. */
export function withoutBytes(file: OutputFile, folder: () => string): OutputFile {
  const { body, gzip, ...fields } = file;
  return onDemandFile(folder, fields, [body.length, gzip.length]);
}
