import { readFile } from 'node:fs/promises';
import type { Problem } from '../content/problem.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';

/**
 * A file of keys in the state folder (`{"schema": 1, "<entries>": {…}}`): what the published feeds or archive
 * pages were rendered from, so that a new process carries unchanged ones over without rendering them.
 */
export interface KeyFile<T> {
  readonly path: string;
  /** Bump when what a key covers changes: a file of another schema counts as none, quietly. */
  readonly schema: number;
  /** The name of the object holding the entries, e.g. "feeds". */
  readonly entries: string;
  /** What the keys are and what a damaged file costs, for the warning: "feed keys", "every feed is rendered". */
  readonly what: string;
  readonly redone: string;
  readonly isEntry: (entry: object) => entry is T & object;
}

/** The keys on disk, by id; none when there is no file yet, and a warning when it is damaged. */
export async function readKeyFile<T>(file: KeyFile<T>): Promise<{ keys: Map<string, T>; problem?: Problem }> {
  const keys = new Map<string, T>();
  let text: string;
  try {
    text = await readFile(file.path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return { keys }; // none yet: everything is rendered
    throw withContext(`reading ${file.path}`, error);
  }
  const entries = parse(file, text);
  if (entries === undefined) {
    const message = `ignored the ${file.what}: the file is damaged; ${file.redone} again`;
    return { keys, problem: { file: file.path, field: `(${file.what})`, message, severity: 'warning' } };
  }
  for (const [id, entry] of Object.entries(entries)) keys.set(id, entry);
  return { keys };
}

export async function writeKeyFile<T>(file: KeyFile<T>, keys: ReadonlyMap<string, T>): Promise<void> {
  await writeAtomically(
    file.path,
    `${JSON.stringify({ schema: file.schema, [file.entries]: Object.fromEntries(keys) })}\n`,
  );
}

function parse<T>(file: KeyFile<T>, text: string): Record<string, T> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // torn or hand-edited: the caller says so
    throw error;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { schema, [file.entries]: entries } = data as Record<string, unknown>;
  if (schema !== file.schema) return {}; // written by another version: everything is rendered, quietly
  if (typeof entries !== 'object' || entries === null) return undefined;
  const valid = Object.values(entries).every(
    (entry: unknown) => typeof entry === 'object' && entry !== null && file.isEntry(entry),
  );
  return valid ? (entries as Record<string, T>) : undefined;
}
