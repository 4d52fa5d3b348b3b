import { isErrnoException } from '../lib/errors.js';

/**
 * A build that could not be written. Staging failed: the folder still holds the previous build, whole.
 * The commit failed (rarer: a rename refused): the staged build is rolled forward by the next build.
 */
export class WriteError extends Error {
  constructor(
    readonly outDir: string,
    readonly code: string | undefined,
    cause: unknown,
    readonly during: 'staging' | 'commit' = 'staging',
  ) {
    const outcome =
      during === 'staging'
        ? 'the previous feeds stay in place'
        : 'the feeds are partly published, and the next build that can write finishes publishing them';
    super(`could not write the feeds to ${outDir}: ${describeCode(code, cause)}; ${outcome}`, { cause });
    this.name = 'WriteError';
  }
}

/** A system error (a full disk, a read-only folder) as one named WriteError; anything else is a bug: as it is. */
export function writeError(outDir: string, error: unknown, during: 'staging' | 'commit' = 'staging'): unknown {
  return isErrnoException(error) ? new WriteError(outDir, error.code, error, during) : error;
}

function describeCode(code: string | undefined, cause: unknown): string {
  const known: Record<string, string> = {
    ENOSPC: 'ENOSPC, no space left on the device',
    EROFS: 'EROFS, the file system is read-only',
    EACCES: 'EACCES, permission denied',
    EIO: 'EIO, an input/output error',
    EDQUOT: 'EDQUOT, the disk quota is exceeded',
  };
  if (code !== undefined) return known[code] ?? code;
  return cause instanceof Error ? cause.message : String(cause);
}
