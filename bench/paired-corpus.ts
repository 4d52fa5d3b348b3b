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
import { mulberry32 } from './corpus-random.js';

export interface CorpusShape {
  readonly n: number;
  readonly seed: number;
  /** Median body size in KB; bodies vary ±25 % around it. */
  readonly bodyKb: number;
  readonly categories: number;
  readonly authors: number;
  /** Most tags on one record (each has 1 to this many). */
  readonly tags: number;
  /** Share (0-1) of records with raw HTML blocks in the body. */
  readonly html: number;
  /** Share (0-1) of records with hostile characters in title and body. */
  readonly hostile: number;
}

export const DEFAULT_SHAPE: Omit<CorpusShape, 'n'> = {
  seed: 20261128,
  bodyKb: 6,
  categories: 30,
  authors: 41,
  tags: 4,
  html: 0.2,
  hostile: 0.3,
};

const MARKER = '.paired-corpus.json';
/** Bump when the output changes, so an old corpus is regenerated rather than reused. */
const VERSION = 2;
const START = Date.UTC(2016, 0, 1);
const END = Date.UTC(2026, 0, 1);

const SITE_YAML = `title: Paired Benchmark Newsroom
description: The same articles, built by Courier and by Hugo.
base_url: https://bench.example/
feeds_url: https://bench.example/feeds/
language: en
time_zone: UTC
copyright: © 2026 Paired Benchmark Newsroom
default_author: Staff Report
article_url: "{yyyy}/{mm}/{slug}/"
items_per_feed: 50
id_authority: bench.example,2026
`;

const WORDS = (
  'the of and to in for on that with as by at from after over said officials government minister talks region ' +
  'market prices growth plan project report analysts investors companies industry energy water power supply ' +
  'demand costs rates inflation economy budget policy reform agreement deal partners security residents city ' +
  'coast port shipping trade exports insurance weather heat summer survey scientists research data results ' +
  'schools hospitals infrastructure railway airport museum exhibition culture tourism football team league ' +
  'expected likely significant modest steady gradual broader careful recently already still further largely'
).split(' ');
const HOSTILE = [
  'AT&T',
  'R&D',
  '2 < 3',
  'x<y',
  '"quoted"',
  "it's",
  '🚀',
  '👩‍👩‍👧',
  '东京',
  '北京市',
  '한국어',
  ']]>',
  '<![CDATA[',
  '&amp;',
  '&#0;',
  '\u0001',
  '\u000b',
  '\u007f',
  '\u2028',
  'naïve café',
];
const HTML_BLOCKS = [
  '<div class="callout"><p>Key figure: <strong>42 %</strong> &amp; rising</p></div>',
  '<figure><img src="/img/chart.png" alt="chart"><figcaption>Chart</figcaption></figure>',
  '<script>alert("x")</script><p onclick="steal()">Click</p>',
  '<table><tr><td>a</td><td>b &lt; c</td></tr></table>',
  '<iframe src="https://evil.example/"></iframe><p style="color:red">styled</p>',
];

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

function streamFor(seed: number, index: number): () => number {
  return mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

function pickSome<T>(rng: () => number, list: readonly T[], max: number): T[] {
  const count = 1 + Math.floor(rng() * max);
  const chosen = new Set<T>();
  for (let tries = 0; chosen.size < count && tries < 50; tries += 1) chosen.add(pick(rng, list));
  return [...chosen];
}

function sentence(rng: () => number, hostile: boolean): string {
  const words = Array.from({ length: 10 + Math.floor(rng() * 12) }, () => pick(rng, WORDS));
  if (hostile && rng() < 0.5) words.splice(1 + Math.floor(rng() * (words.length - 1)), 0, pick(rng, HOSTILE));
  const first = words[0] ?? 'The';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

/** What one article says, before it is written in either dialect. */
interface Draft {
  readonly slug: string;
  readonly folder: string;
  readonly title: string;
  readonly published: number;
  readonly updated: number | undefined;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly body: string;
}

export function draftArticle(index: number, shape: CorpusShape): Draft {
  const rng = streamFor(shape.seed, index);
  const hostile = rng() < shape.hostile;
  const html = rng() < shape.html;
  const published = START + Math.floor(rng() * ((END - START) / 60_000)) * 60_000;
  const updated = rng() < 0.2 ? Math.min(END - 60_000, published + Math.floor(rng() * 72) * 3_600_000) : undefined;
  const date = new Date(published);
  const folder = `${date.getUTCFullYear()}/${pad2(date.getUTCMonth() + 1)}`;
  const base = Array.from(sentence(rng, hostile)).slice(0, 70).join('').replace(/\.$/, '');
  const slug = `story-${String(index).padStart(7, '0')}`;
  const authors = pickSome(rng, names('Author', shape.authors), rng() < 0.85 ? 1 : 2);
  const categories = pickSome(rng, names('Category', shape.categories), 3);
  const tags = pickSome(rng, names('Tag', 200), shape.tags);
  const target = shape.bodyKb * 1024 * (0.75 + rng() * 0.5);
  const paragraphs: string[] = [];
  for (let length = 0; length < target && paragraphs.length < 400;) {
    const count = 3 + Math.floor(rng() * 4);
    let text = Array.from({ length: count }, () => sentence(rng, hostile)).join(' ');
    if (rng() < 0.2) text = `Read **the report** on [the site](/reports/${slug}/) and *more*. ${text}`;
    if (html && rng() < 0.3) text = pick(rng, HTML_BLOCKS);
    paragraphs.push(text);
    length += text.length + 2;
  }
  return { slug, folder, title: base, published, updated, authors, categories, tags, body: paragraphs.join('\n\n') };
}

/** A YAML scalar both YAML parsers read back as the same string: JSON's quoting, control characters blanked. */
// eslint-disable-next-line no-control-regex -- control characters are what this replaces
const quote = (text: string) => JSON.stringify(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' '));
const list = (key: string, values: readonly string[]) => [`${key}:`, ...values.map((v) => `  - ${quote(v)}`)];

function courierRecord(draft: Draft): string {
  const front = [
    '---',
    `title: ${quote(draft.title)}`,
    `published: ${iso(draft.published)}`,
    ...(draft.updated !== undefined ? [`updated: ${iso(draft.updated)}`] : []),
    ...list('authors', draft.authors),
    ...list('categories', draft.categories),
    ...list('tags', draft.tags),
    '---',
  ];
  return `${front.join('\n')}\n\n${draft.body}\n`;
}

function hugoPage(draft: Draft): string {
  const front = [
    '---',
    `title: ${quote(draft.title)}`,
    `date: ${iso(draft.published)}`,
    `lastmod: ${iso(draft.updated ?? draft.published)}`,
    `slug: ${draft.slug}`,
    ...list('authors', draft.authors),
    ...list('categories', draft.categories),
    ...list('tags', draft.tags),
    '---',
  ];
  return `${front.join('\n')}\n\n${draft.body}\n`;
}

/** Hugo's section page: the articles are listed in taxonomies and feeds, never rendered as pages. */
const HUGO_SECTION = `---
title: Articles
cascade:
  _build:
    render: never
    list: always
---
`;

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

/** `--name value` options over the defaults; throws on an unknown option or a value that is not a number. */
export function shapeFromArgs(n: number, args: readonly string[]): CorpusShape {
  const shape: Record<string, number> = { ...DEFAULT_SHAPE, n };
  const keys: Record<string, keyof CorpusShape> = {
    '--seed': 'seed',
    '--body-kb': 'bodyKb',
    '--categories': 'categories',
    '--authors': 'authors',
    '--tags': 'tags',
    '--html': 'html',
    '--hostile': 'hostile',
  };
  for (let i = 0; i < args.length; i += 2) {
    const key = keys[args[i] ?? ''];
    const value = Number(args[i + 1]);
    if (key === undefined || !Number.isFinite(value)) throw new Error(`unknown option or value: ${args[i]}`);
    shape[key] = value;
  }
  return shape as unknown as CorpusShape;
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
