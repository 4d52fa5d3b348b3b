/**
 * A corpus written twice from one seed: as Courier records (<dir>/courier: site.yaml and articles/) and as Hugo
 * content with front matter (<dir>/hugo/articles/), so Courier and the Hugo site in bench/hugo-site build the
 * same feeds from the same articles. Its shape is a parameter: body size, how many categories and authors,
 * tags per record, and the share of records with raw HTML and with hostile characters (`&`, `<`, quotes,
 * emoji, CJK text, `]]>`, control characters).
 *
 * As a script:  node dist/bench/paired-corpus.js <dir> <n> [--seed S] [--body-kb K] [--categories C]
 *               [--authors A] [--tags T] [--html H] [--hostile X]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courierRecord, HUGO_SECTION, hugoPage, SITE_YAML } from './paired-corpus-dialects.js';
import { draftArticle } from './paired-corpus-draft.js';
import { shapeFromArgs, type CorpusShape } from './paired-corpus-shape.js';

const MARKER = '.paired-corpus.json';
/**
 * Bump when the output (made by paired-corpus-draft.ts and paired-corpus-dialects.ts) changes, so an old corpus
 * is regenerated rather than reused.
 */
const VERSION = 2;

export interface PairedCorpus {
  readonly dir: string;
  /** Courier's content folder (site.yaml, articles/). */
  readonly courier: string;
  /** Hugo's content folder (articles/). */
  readonly hugo: string;
  readonly bytes: number;
}

/** Writes the corpus, or reuses the one in dir when it was made with the very same shape and version. */
export function ensurePairedCorpus(dir: string, shape: CorpusShape): PairedCorpus & { reused: boolean } {
  const corpus = { dir, courier: join(dir, 'courier'), hugo: join(dir, 'hugo') };
  const wanted = JSON.stringify({ version: VERSION, ...shape });
  const markerPath = join(dir, MARKER);
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { key: string; bytes: number };
    if (marker.key === wanted) return { ...corpus, bytes: marker.bytes, reused: true };
    rmSync(markerPath);
    rmSync(corpus.courier, { recursive: true, force: true });
    rmSync(corpus.hugo, { recursive: true, force: true });
  } else if (existsSync(dir)) throw new Error(`${dir} exists but holds no paired corpus; refusing to overwrite it`);
  mkdirSync(corpus.courier, { recursive: true });
  writeFileSync(join(corpus.courier, 'site.yaml'), SITE_YAML);
  mkdirSync(join(corpus.hugo, 'articles'), { recursive: true });
  writeFileSync(join(corpus.hugo, 'articles', '_index.md'), HUGO_SECTION);
  const made = new Set<string>();
  let bytes = 0;
  for (let index = 0; index < shape.n; index += 1) {
    const draft = draftArticle(index, shape);
    if (!made.has(draft.folder)) {
      mkdirSync(join(corpus.courier, 'articles', draft.folder), { recursive: true });
      mkdirSync(join(corpus.hugo, 'articles', draft.folder), { recursive: true });
      made.add(draft.folder);
    }
    const record = courierRecord(draft);
    writeFileSync(join(corpus.courier, 'articles', draft.folder, `${draft.slug}.md`), record);
    writeFileSync(join(corpus.hugo, 'articles', draft.folder, `${draft.slug}.md`), hugoPage(draft));
    bytes += Buffer.byteLength(record);
  }
  writeFileSync(markerPath, JSON.stringify({ key: wanted, bytes }));
  return { ...corpus, bytes, reused: false };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const [dir, nText, ...rest] = process.argv.slice(2);
  if (!dir || !nText) {
    process.stderr.write('Usage: node dist/bench/paired-corpus.js <dir> <n> [--seed S] [--body-kb K] ...\n');
    process.exit(2);
  }
  const corpus = ensurePairedCorpus(resolve(dir), shapeFromArgs(Number(nText), rest));
  process.stdout.write(
    `${corpus.reused ? 'reused' : 'wrote'} ${corpus.courier} and ${corpus.hugo} (${corpus.bytes} B)\n`,
  );
}

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');
