import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../lib/logger.js';
import { redactKeys } from './redact.js';

/**
 * The one error handler: a status and a short reason, never a stack trace. Client errors (a path that is not
 * valid percent-encoding, say) are the client's; anything else is logged, keys redacted, and answered 500.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const status = statusOf(error);
    const clientError = status >= 400 && status < 500;
    if (!clientError) {
      const path = redactKeys(req.originalUrl);
      log.error(`${req.method} ${path} failed`, { method: req.method, path, err: redactedError(error) });
    }
    // Too late for a status: Express's own final handler then cuts the connection.
    if (res.headersSent) return next(error);
    res
      .status(clientError ? status : 500)
      .type('text')
      .send(clientError ? 'Bad request\n' : 'Internal server error\n');
  };
}

/** The HTTP status an error carries (http-errors and body parsers set `status` or `statusCode`), else 500. */
function statusOf(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  if (typeof status === 'number') return status;
  return typeof statusCode === 'number' ? statusCode : 500;
}

/** What the log shows of an error (its name, message and stack), with any partner key in them redacted. */
function redactedError(error: unknown): { type: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactKeys(String(error)) };
  const stack = error.stack === undefined ? {} : { stack: redactKeys(error.stack) };
  return { type: error.name, message: redactKeys(error.message), ...stack };
}
