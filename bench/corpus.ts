/**
 * A deterministic corpus of article records for the benchmarks: the same (n, seed) always gives the same
 * files, byte for byte. The records themselves are made by corpus-article.ts.
 *
 * As a script:  node dist/bench/corpus.js <dir> <n> [seed]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticle } from './corpus-article.js';

/** Written last, so a folder holding it holds a complete corpus; it also marks the folder as ours to wipe. */
export const MARKER_FILE = '.bench-corpus.json';
const GENERATOR = 'courier-bench-corpus';
/** Bump when the records' shape (corpus-article.ts) changes, so old corpora are regenerated instead of reused. */
const VERSION = 1;
export const DEFAULT_SEED = 20261126;
/** Upper bound on n: the generator's loop is bounded by it. */
export const MAX_ARTICLES = 1_000_000;

/** The repository root, from dist/bench/corpus.js (compiled) two levels up. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAMPLE_SITE = join(REPO_ROOT, 'content', 'site.yaml');

export interface CorpusMarker {
  readonly generator: string;
  readonly version: number;
  readonly n: number;
  readonly seed: number;
  /** The newest record (first in the site feed): the one a "one article changed" run edits. */
  readonly newest: { readonly index: number; readonly file: string };
  readonly bytes: number;
}

export function readMarker(dir: string): CorpusMarker | undefined {
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER_FILE), 'utf8')) as CorpusMarker;
    return marker.generator === GENERATOR ? marker : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes n records into <dir>/articles/yyyy/mm/slug.md and a copy of the sample site.yaml into <dir>.
 * A folder that already has records but no marker of ours is refused, so real content is never wiped.
 */
export function generateCorpus(dir: string, n: number, seed: number = DEFAULT_SEED): CorpusMarker {
  if (!Number.isInteger(n) || n < 1 || n > MAX_ARTICLES)
    throw new Error(`n: expected a whole number from 1 to ${MAX_ARTICLES}, found ${n}`);
  if (!Number.isInteger(seed)) throw new Error(`seed: expected a whole number, found ${seed}`);
  const articlesDir = join(dir, 'articles');
  if (existsSync(articlesDir)) {
    if (!existsSync(join(dir, MARKER_FILE)))
      throw new Error(
        `${dir} has articles but was not made by the benchmark corpus generator; refusing to overwrite it`,
      );
    rmSync(join(dir, MARKER_FILE), { force: true });
    rmSync(articlesDir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  copyFileSync(SAMPLE_SITE, join(dir, 'site.yaml'));
  const made = new Set<string>();
  let newest = { index: -1, file: '', published: -Infinity };
  let bytes = 0;
  for (let index = 0; index < n; index += 1) {
    const article = generateArticle(index, seed);
    const folder = dirname(join(dir, article.file));
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(dir, article.file), article.text);
    bytes += Buffer.byteLength(article.text);
    if (article.published > newest.published) newest = { index, file: article.file, published: article.published };
  }
  const marker: CorpusMarker = {
    generator: GENERATOR,
    version: VERSION,
    n,
    seed,
    newest: { index: newest.index, file: newest.file },
    bytes,
  };
  writeFileSync(join(dir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/** The corpus in dir, reused when it was made with the same n, seed and generator version, else generated. */
export function ensureCorpus(
  dir: string,
  n: number,
  seed: number = DEFAULT_SEED,
): { marker: CorpusMarker; reused: boolean } {
  const marker = readMarker(dir);
  if (marker?.version === VERSION && marker.n === n && marker.seed === seed && existsSync(join(dir, 'site.yaml'))) {
    return { marker, reused: true };
  }
  return { marker: generateCorpus(dir, n, seed), reused: false };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [dir, nText, seedText] = process.argv.slice(2);
  if (!dir || !nText) {
    process.stderr.write('Usage: node dist/bench/corpus.js <dir> <n> [seed]\n');
    process.exit(2);
  }
  const started = performance.now();
  const marker = generateCorpus(resolve(dir), Number(nText), seedText === undefined ? DEFAULT_SEED : Number(seedText));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `corpus: ${marker.n} articles (${(marker.bytes / 1024 / 1024).toFixed(1)} MB, seed ${marker.seed}) in ${resolve(dir)} in ${seconds} s; newest ${marker.newest.file}\n`,
  );
}
