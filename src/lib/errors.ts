/** What a `catch` may take apart: anything can be thrown, so every test here starts from `unknown`. */

/** A Node.js error with a code: a system error (ENOENT, EACCES, …) or one of Node's own (ERR_INVALID_ARG_VALUE). */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException & { readonly code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An error to rethrow in place of `error`, saying what was being done: "reading x: EACCES: …". The original
 * stays as the cause, with its code and stack, for whoever logs it.
 */
export function withContext(context: string, error: unknown): Error {
  return new Error(`${context}: ${errorMessage(error)}`, { cause: error });
}
