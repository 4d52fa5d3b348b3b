import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomically } from '../lib/files.js';

export const PULLS_FILE = 'partner-pulls.json';

/** When each key last pulled a feed: partner id → key prefix → ISO 8601 time. */
export type Pulls = Record<string, Record<string, string>>;

/**
 * The pulls recorded in <feedsDir>/partner-pulls.json. A missing or unreadable file, and any entry that is
 * not of the shape above, read as no pulls: the record is informative and must never stop anything.
 */
export async function readPulls(feedsDir: string): Promise<Pulls> {
  try {
    return wellFormed(JSON.parse(await readFile(join(feedsDir, PULLS_FILE), 'utf8')));
  } catch {
    return {};
  }
}

export async function writePulls(feedsDir: string, pulls: Pulls): Promise<void> {
  await writeAtomically(join(feedsDir, PULLS_FILE), `${JSON.stringify(pulls, null, 2)}\n`);
}

function wellFormed(data: unknown): Pulls {
  if (!isMapping(data)) return {};
  return Object.fromEntries(Object.entries(data).filter(([, keys]) => isMapping(keys)).map(([id, keys]) => [
    id,
    Object.fromEntries(Object.entries(keys as object).filter(([, at]) => typeof at === 'string')),
  ]));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
