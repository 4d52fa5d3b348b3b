import { WriteError } from '../publish/write-error.js';

/**
 * An error as it crosses between threads. Structured cloning keeps an Error's message and stack but not its
 * class or its own fields (a WriteError's folder, an errno's code), which the service reads (http/health.ts
 * `diskErrorOf`): so they cross as data, cause and all, and come back as the same class.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string | undefined;
  /** The error's own fields that are plain values: code, errno, syscall, path, outDir, during… */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly cause?: WireError | undefined;
  /** Something thrown that is not an Error, as its text. */
  readonly notAnError?: true;
}

const MAX_CAUSES = 8;

export function toWire(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {}, notAnError: true };
  const fields: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'cause') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = value as string | number | boolean | null;
  }
  const cause = error.cause !== undefined && depth < MAX_CAUSES ? toWire(error.cause, depth + 1) : undefined;
  return { name: error.name, message: error.message, stack: error.stack, fields, cause };
}

/** The error again, of its class when the service tells classes apart (WriteError), else an Error. */
export function fromWire(wire: WireError): unknown {
  if (wire.notAnError) return wire.message;
  const error: Error = Object.create(wire.name === 'WriteError' ? WriteError.prototype : Error.prototype) as Error;
  Object.defineProperty(error, 'message', { value: wire.message, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: wire.stack, writable: true, configurable: true });
  if (wire.name !== 'Error') error.name = wire.name;
  Object.assign(error, wire.fields);
  if (wire.cause)
    Object.defineProperty(error, 'cause', { value: fromWire(wire.cause), writable: true, configurable: true });
  return error;
}
