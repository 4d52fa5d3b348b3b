/** An error raised by a system call (fs, net), which carries a code such as ENOENT. */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/** The message of anything thrown, for a log line or a problem report. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
