import { dump } from 'js-yaml';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';
import type { Problem } from '../content/problem.js';
import { parsePartners, refused } from './registry-parse.js';
import type { Partner } from './types.js';

export const PARTNERS_FILE = 'partners.yaml';

const HEADER = '# Syndication partners. Holds no secret: only a hash of each key. Managed with `courier partners`.\n';

/** The partners of <contentDir>/partners.yaml; no file means no partners. */
export async function loadPartners(contentDir: string): Promise<{ partners: Partner[]; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(join(contentDir, PARTNERS_FILE), 'utf8');
  } catch (error) {
    // No file is no partners; one that cannot be read is a problem of the file, as a wrong field would be.
    if (!isErrnoException(error)) throw withContext(`reading ${PARTNERS_FILE}`, error);
    if (error.code === 'ENOENT') return { partners: [], problems: [] };
    return refused(PARTNERS_FILE, '(file)', `expected a readable file, found ${error.code}`);
  }
  return parsePartners(text, PARTNERS_FILE);
}

/** Writes partners.yaml atomically, fields in a fixed order. Comments other than the header are not kept. */
export async function savePartners(contentDir: string, partners: readonly Partner[]): Promise<void> {
  const path = join(contentDir, PARTNERS_FILE);
  const existing = await readIfThere(path);
  // The YAML editor (edit.ts, the `yaml` package) is loaded only here: builds, which only read, never load it.
  const edited = existing === undefined ? undefined : (await import('./edit.js')).editPartners(existing, partners);
  await writeAtomically(path, edited ?? formatPartners(partners));
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return undefined; // a first partner: written anew
    throw error;
  }
}

/** The text of a partners file: a header comment, then the partners with their fields in a fixed order. */
export function formatPartners(partners: readonly Partner[], header = HEADER): string {
  const data = {
    partners: partners.map((partner) => ({
      id: partner.id,
      name: partner.name,
      profile: partner.profile,
      ...(partner.categories && { categories: [...partner.categories] }),
      keys: partner.keys.map((key) => ({ prefix: key.prefix, hash: key.hash, created: key.created })),
      ...(partner.tokenHeader && { token_header: partner.tokenHeader }),
    })),
  };
  return header + dump(data, { lineWidth: -1, noRefs: true });
}
