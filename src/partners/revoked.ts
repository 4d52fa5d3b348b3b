import { dump } from 'js-yaml';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../content/problem.js';
import { describeValue } from '../content/problem.js';
import { isMapping, parseYaml } from '../content/yaml.js';
import { isErrnoException, withContext } from '../lib/errors.js';
import { writeAtomically } from '../lib/files.js';

/** What `courier partners revoke` and `remove` took away, in the state folder; only the CLI writes it. */
export const REVOKED_FILE = 'partners.revoked.yaml';

const HEADER =
  '# Keys revoked and partners removed with `courier partners`, kept by Courier: a revoked key never works\n' +
  '# again, and a removed partner is never kept in force from the last good partners (`add` brings it back).\n';

/** Key prefixes revoked and partner ids removed on purpose. */
export interface Revoked {
  readonly keys: readonly string[];
  readonly partners: readonly string[];
}

export const NONE_REVOKED: Revoked = Object.freeze({ keys: [], partners: [] });

/** Reads <stateDir>/partners.revoked.yaml; none when there is no file; a file with problems says so. */
export async function readRevoked(stateDir: string): Promise<{ revoked: Revoked; problems: Problem[] }> {
  const path = join(stateDir, REVOKED_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    // Missing: nothing revoked yet. Unreadable: a problem of the file, so that it is seen and fixed.
    if (!isErrnoException(error)) throw withContext(`reading ${path}`, error);
    if (error.code === 'ENOENT') return { revoked: NONE_REVOKED, problems: [] };
    const message = `expected a readable file, found ${error.code}`;
    return { revoked: NONE_REVOKED, problems: [{ file: path, field: '(file)', message }] };
  }
  return parseRevoked(text, path);
}

function parseRevoked(text: string, path: string): { revoked: Revoked; problems: Problem[] } {
  const yaml = parseYaml(text, path);
  const data: unknown = yaml.ok ? (yaml.data ?? {}) : undefined;
  if (!isMapping(data)) {
    const found = yaml.ok ? describeValue(yaml.data) : yaml.error.message.split('\n')[0];
    const message = `expected a mapping with keys and partners, found ${found}`;
    return { revoked: NONE_REVOKED, problems: [{ file: path, field: '(file)', message }] };
  }
  const problems: Problem[] = [];
  const list = (field: 'keys' | 'partners'): string[] => {
    const value = data[field] ?? [];
    if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value;
    problems.push({ file: path, field, message: `expected a list of strings, found ${describeValue(value)}` });
    return [];
  };
  return { revoked: { keys: list('keys'), partners: list('partners') }, problems };
}

/**
 * Records what a command takes away, before it changes partners.yaml or the last good partners. A file with
 * problems is an exception: writing over it would forget what it holds.
 */
export async function changeRevoked(stateDir: string, change: (revoked: Revoked) => Revoked): Promise<void> {
  const { revoked, problems } = await readRevoked(stateDir);
  if (problems.length > 0) {
    const path = join(stateDir, REVOKED_FILE);
    throw new Error(`${path} has problems (${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}); fix it`);
  }
  const changed = change(revoked);
  const unique = (list: readonly string[]) => [...new Set(list)].sort();
  const next = { keys: unique(changed.keys), partners: unique(changed.partners) };
  if (JSON.stringify(next) === JSON.stringify({ keys: unique(revoked.keys), partners: unique(revoked.partners) })) {
    return;
  }
  await writeAtomically(join(stateDir, REVOKED_FILE), HEADER + dump(next, { lineWidth: -1 }));
}
