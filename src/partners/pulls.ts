import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import { isMapping } from '../content/yaml.js';

export const PULLS_FILE = 'partner-pulls.json';

/** When each key last pulled a feed: partner id → key prefix → ISO 8601 time. */
export type Pulls = Record<string, Record<string, string>>;

/**
 * The pulls recorded in <stateDir>/partner-pulls.json. A missing or unreadable file, and any entry that is
 * not of the shape above, read as no pulls: the record is informative and must never stop anything.
 */
export async function readPulls(stateDir: string): Promise<Pulls> {
  const path = join(stateDir, PULLS_FILE);
  try {
    return wellFormed(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    // Missing or unreadable (a system error) or damaged (a SyntaxError from JSON.parse): no pulls, as above.
    if (isErrnoException(error) || error instanceof SyntaxError) return {};
    throw withContext(`reading ${path}`, error);
  }
}

export async function writePulls(stateDir: string, pulls: Pulls): Promise<void> {
  await writeAtomically(join(stateDir, PULLS_FILE), `${JSON.stringify(pulls, null, 2)}\n`);
}

/** Only mappings of mappings of text; Object.fromEntries, so that an id such as "__proto__" stays an own key. */
function wellFormed(data: unknown): Pulls {
  if (!isMapping(data)) return {};
  return Object.fromEntries(
    Object.entries(data).flatMap(([id, keys]): Array<[string, Record<string, string>]> =>
      isMapping(keys) ? [[id, times(keys)]] : [],
    ),
  );
}

function times(keys: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(keys).flatMap(([prefix, at]): Array<[string, string]> =>
      typeof at === 'string' ? [[prefix, at]] : [],
    ),
  );
}
