import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a manifest says of each variant of one file: its SHA-256 by suffix ('', '.gz'). */
export type ManifestHashes = ReadonlyMap<string, ReadonlyMap<string, string>>;

const SUFFIXES = ['', '.gz'] as const;
const STAGING = '.staging';
const MANIFEST = 'manifest.json';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The hashes a manifest (version 3) gives every variant, by path; undefined when there is no manifest there. */
export function manifestHashes(path: string): ManifestHashes | undefined {
  if (!existsSync(path)) return undefined;
  const { files } = JSON.parse(readFileSync(path, 'utf8')) as {
    files: Record<string, { sha256: string; gzip: { sha256: string } }>;
  };
  return new Map(
    Object.entries(files).map(([name, entry]) => [
      name,
      new Map([
        ['', entry.sha256],
        ['.gz', entry.gzip.sha256],
      ]),
    ]),
  );
}

/** Every file under dir, as relative paths with forward slashes, sorted. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/**
 * What a reader of the feeds folder could see wrong at this moment, as sentences (none when all is well). Every
 * variant of every file the published manifest names is there and matches it; only while a staged manifest
 * exists (a build was killed while publishing, which the next build finishes) may a variant be the staged one
 * instead, or be gone because the staged build no longer makes it.
 */
export function readerProblems(out: string): string[] {
  const published = manifestHashes(join(out, MANIFEST));
  const staged = manifestHashes(join(out, STAGING, MANIFEST));
  const problems: string[] = [];
  for (const [path, hashes] of published ?? []) {
    for (const suffix of SUFFIXES) {
      const name = path + suffix;
      const stagedHash = staged?.get(path)?.get(suffix);
      if (!existsSync(join(out, name))) {
        if (staged && !staged.has(path)) continue; // removed by the staged build, which recovery finishes
        problems.push(`${name} is named in the manifest but missing`);
        continue;
      }
      const hash = sha256(readFileSync(join(out, name)));
      if (hash === hashes.get(suffix) || hash === stagedHash) continue;
      problems.push(`${name} matches neither the manifest${staged ? ' nor the staged manifest' : ''}`);
    }
  }
  return problems;
}

/**
 * How the folder falls short of one whole build, as sentences: a manifest whose every variant matches, and
 * nothing staged or temporary left.
 */
export function wholeProblems(out: string): string[] {
  const manifest = manifestHashes(join(out, MANIFEST));
  if (!manifest) return [`${MANIFEST} is missing`];
  const problems: string[] = [];
  for (const [path, hashes] of manifest) {
    for (const suffix of SUFFIXES) {
      const name = path + suffix;
      if (!existsSync(join(out, name))) problems.push(`${name} is missing`);
      else if (sha256(readFileSync(join(out, name))) !== hashes.get(suffix)) problems.push(`${name} does not match`);
    }
  }
  for (const name of filesUnder(out)) {
    if (name.startsWith(`${STAGING}/`)) problems.push(`${name} is left staged`);
    if (/(^|\/)\.tmp-/.test(name)) problems.push(`${name} is a temporary file left behind`);
  }
  if (existsSync(join(out, STAGING))) problems.push(`${STAGING}/ is left behind`);
  return problems;
}

/** How two feeds folders differ, as sentences: files only one holds, and files whose bytes differ. */
export function differences(out: string, reference: string): string[] {
  const ours = filesUnder(out);
  const theirs = new Set(filesUnder(reference));
  const problems: string[] = [];
  for (const name of ours) {
    if (!theirs.delete(name)) problems.push(`${name} is extra`);
    else if (!readFileSync(join(out, name)).equals(readFileSync(join(reference, name))))
      problems.push(`${name} differs`);
  }
  for (const name of theirs) problems.push(`${name} is missing`);
  return problems;
}

/** At most a few of many problems, for an assertion message that stays readable. */
export function some(problems: readonly string[], count = 8): string {
  const more = problems.length > count ? `\n… and ${problems.length - count} more` : '';
  return problems.slice(0, count).join('\n') + more;
}
