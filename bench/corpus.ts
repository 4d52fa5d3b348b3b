/**
 * A deterministic corpus of article records for the benchmarks: the same (n, seed) always gives the same
 * files, byte for byte. Records are shaped like content/articles/2026/11/oman-talks.md: front matter with
 * title, published (some with updated), authors, categories, tags, a lead image with credit and a label on
 * some, then a Markdown body of several paragraphs, about 4-5 KB.
 *
 * Every record is published before 2026-01-01, so none is under embargo whenever the benchmark runs.
 *
 * As a script:  node dist/bench/corpus.js <dir> <n> [seed]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Written last, so a folder holding it holds a complete corpus; it also marks the folder as ours to wipe. */
export const MARKER_FILE = '.bench-corpus.json';
const GENERATOR = 'courier-bench-corpus';
/** Bump when the records' shape changes, so old corpora are regenerated instead of reused. */
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

export interface GeneratedArticle {
  /** Path under the content folder, e.g. articles/2024/03/port-authority-expands-00042.md. */
  readonly file: string;
  readonly title: string;
  readonly published: number;
  readonly text: string;
}

/** mulberry32: a small, fast, seeded PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per record, so any record can be regenerated alone. */
function streamFor(seed: number, index: number): () => number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

// 24 categories (pool for category feeds) and 36 authors (pool for author feeds).
export const CATEGORIES = [
  'World',
  'Middle East',
  'Europe',
  'Asia',
  'Africa',
  'Americas',
  'Business',
  'Markets',
  'Economy',
  'Energy',
  'Technology',
  'Science',
  'Health',
  'Climate',
  'Environment',
  'Culture',
  'Arts',
  'Books',
  'Sport',
  'Football',
  'Opinion',
  'Analysis',
  'Travel',
  'Education',
];
export const AUTHORS = [
  'Staff Report',
  'Amina Al-Harthy',
  'Daniel Okafor',
  'Farah Nasser',
  'Leila Karimi',
  'Tomás Ferreira',
  'Zoë Laurent',
  'Hamed Rostami',
  'Priya Raman',
  'Omar Haddad',
  'Sara Lindqvist',
  'Yusuf Demir',
  'Mariam Al-Balushi',
  'Chen Wei',
  'Nadia Benali',
  'Jonas Becker',
  'Aisha Mwangi',
  'Ravi Menon',
  'Elena Petrova',
  'Khalid Al-Mansoori',
  'Grace Adeyemi',
  'Mateo Rossi',
  'Hana Suzuki',
  'Ibrahim Saleh',
  'Camille Dubois',
  'Noura Al-Said',
  'Peter Novak',
  'Reza Tehrani',
  'Fatima Zahra',
  'Lucas Martin',
  'Ingrid Solberg',
  'Samir Farouk',
  'José Álvarez',
  'Mei Lin',
  'Arjun Kapoor',
  'مریم احمدی',
];
const TAGS = [
  'Iran',
  'United States',
  'Oman',
  'Diplomacy',
  'Qatar',
  'Saudi Arabia',
  'United Arab Emirates',
  'Kuwait',
  'Bahrain',
  'Iraq',
  'Yemen',
  'Egypt',
  'Jordan',
  'Turkey',
  'India',
  'China',
  'Japan',
  'Germany',
  'France',
  'United Kingdom',
  'European Union',
  'United Nations',
  'OPEC',
  'Oil',
  'Gas',
  'Shipping',
  'Insurance',
  'Inflation',
  'Interest Rates',
  'Central Banks',
  'Currencies',
  'Stocks',
  'Bonds',
  'Trade',
  'Tariffs',
  'Tourism',
  'Aviation',
  'Airlines',
  'Ports',
  'Logistics',
  'Water',
  'Desalination',
  'Drought',
  'Heat',
  'Coral Reefs',
  'Fisheries',
  'Wind Power',
  'Solar Power',
  'Hydrogen',
  'Batteries',
  'Electric Vehicles',
  'Semiconductors',
  'Artificial Intelligence',
  'Cybersecurity',
  'Privacy',
  'Open Source',
  'Startups',
  'Small Business',
  'Employment',
  'Housing',
  'Infrastructure',
  'Railways',
  'Roads',
  'Public Health',
  'Vaccines',
  'Hospitals',
  'Schools',
  'Universities',
  'Research',
  'Space',
  'Archaeology',
  'Museums',
  'Calligraphy',
  'Film',
  'Music',
  'Theatre',
  'Literature',
  'Poetry',
  'Libraries',
  'Football',
  'Cricket',
  'Tennis',
  'Athletics',
  'Sailing',
  'Elections',
  'Parliament',
  'Courts',
  'Human Rights',
  'Migration',
  'Refugees',
  'Security',
  'Defence',
  'Sanctions',
  'Nuclear',
  'Mergers',
  'Earnings',
  'Regulation',
];
const CREDITS = [
  'VCG',
  'Reuters',
  'AFP',
  'AP Photo',
  'EPA',
  'Getty Images',
  'Staff Photographer',
  'Handout',
  'Courier Archive',
];
const LABELS = ['Official Partner', 'Analysis', 'Exclusive', 'Explainer', 'Opinion'];

const SUBJECTS = [
  'Ministers',
  'Regulators',
  'The Central Bank',
  'Port Authority',
  'City Council',
  'Researchers',
  'Lawmakers',
  'Investors',
  'Shipping Lines',
  'The State Utility',
  'Health Officials',
  'Teachers',
  'Farmers',
  'Airlines',
  'The National Museum',
  'Engineers',
  'Insurers',
  'Negotiators',
  'The Football Federation',
  'Exporters',
];
const VERBS = [
  'Weigh',
  'Announce',
  'Delay',
  'Expand',
  'Reject',
  'Back',
  'Probe',
  'Unveil',
  'Revise',
  'Approve',
  'Question',
  'Debate',
  'Welcome',
  'Criticise',
  'Launch',
  'Extend',
  'Cut',
  'Raise',
  'Review',
  'Defend',
];
const OBJECTS = [
  'New Water Plan',
  'Fuel Subsidy Reform',
  'Coastal Rail Link',
  'Heat Action Strategy',
  'Budget Forecast',
  'Offshore Wind Tender',
  'Trade Corridor Deal',
  'Housing Programme',
  'Fisheries Quota',
  'Data Protection Rules',
  'Exhibition Schedule',
  'Tourism Targets',
  'Reef Survey Findings',
  'Cup Final Arrangements',
  'Hospital Expansion',
  'School Curriculum Changes',
  'Interest Rate Path',
  'Port Fee Increase',
  'Airline Merger Terms',
  'Desalination Contract',
];
const PLACES = [
  'in Muscat',
  'in Doha',
  'Across the Gulf',
  'in Isfahan',
  'in Dubai',
  'in Salalah',
  'in Manama',
  'in Kuwait City',
  'in Riyadh',
  'in Abu Dhabi',
  'Amid Regional Tensions',
  'After Record Summer',
  'Ahead of Winter',
  'as Costs Rise',
  'Despite Objections',
  'for the Coming Year',
  'After Long Talks',
  'in a Surprise Move',
];
const WORDS = (
  'the of and to in a for on that with as by at from its after over said officials government minister talks ' +
  'region regional market markets prices price growth plan plans project projects report reports analysts ' +
  'investors companies company industry sector energy oil gas water power supply demand costs cost rates ' +
  'inflation economy economic budget spending public private policy policies reform reforms agreement deal ' +
  'negotiations partners partnership security stability pressure risks risk concerns support services ' +
  'residents city cities coast coastal port ports shipping trade exports imports routes insurance premiums ' +
  'weather heat summer winter season seasons survey scientists research data evidence results findings ' +
  'schools students teachers hospitals patients health care infrastructure roads railway airport airline ' +
  'museum exhibition artists collection culture heritage visitors tourism hotels season football final team ' +
  'players coach supporters stadium match league cup national international local community communities ' +
  'long-term short-term expected likely unlikely significant modest sharp steady gradual broader careful ' +
  'quietly publicly recently already still further largely widely closely increasingly particularly ' +
  'week month year decade quarter morning evening statement announcement decision review framework ' +
  'contract contracts tender bidders capacity output production consumption investment investments funding ' +
  'loans banks bank lenders borrowers households families workers jobs wages employment businesses owners ' +
  'customers consumers technology systems network networks platform software digital online cyber data ' +
  'coral reefs marine fisheries fishermen desalination plant plants wind solar turbines grid storage ' +
  'while although because since whereas however meanwhile nevertheless moreover instead despite amid ' +
  'across between within without toward through under around beyond ahead behind along ' +
  'would could should might must will may can has have had is are was were been being remains remained ' +
  'continues continued signals signalled suggests suggested shows showed indicates indicated raises raised ' +
  'expects expected warns warned argues argued notes noted says claims insists confirmed described ' +
  'more less most least many several few some other others new old recent current previous next first last'
).split(' ');

const START = Date.UTC(2016, 0, 1);
/** Exclusive: every record is published before this, so nothing is under embargo. */
const END = Date.UTC(2026, 0, 1);

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

function pickSome<T>(rng: () => number, list: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(rng() * (max - min + 1));
  const chosen: T[] = [];
  for (let tries = 0; chosen.length < count && tries < count * 20; tries += 1) {
    const item = pick(rng, list);
    if (!chosen.includes(item)) chosen.push(item);
  }
  return chosen;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function sentence(rng: () => number): string {
  const length = 10 + Math.floor(rng() * 15);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) {
    let word = pick(rng, WORDS);
    if (i > 2 && i < length - 2 && rng() < 0.07) word += ',';
    words.push(word);
  }
  words[0] = capitalise(words[0] ?? 'The');
  return `${words.join(' ')}.`;
}

function paragraph(rng: () => number, decorate: boolean, slug: string): string {
  const count = 4 + Math.floor(rng() * 4);
  const sentences: string[] = [];
  for (let i = 0; i < count; i += 1) sentences.push(sentence(rng));
  if (decorate) {
    // A relative link (resolved against the article URL by the renderer) and some emphasis.
    sentences.splice(1, 0, `The [full report](/reports/${slug}/) sets out the **main findings** in more detail.`);
  }
  return sentences.join(' ');
}

const yaml = (value: string) => (/^[\p{L}\p{N}][\p{L}\p{N} ,.'’-]*$/u.test(value) ? value : JSON.stringify(value));
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Record number `index` of the corpus of `seed`: independent of n and of every other record. */
export function generateArticle(index: number, seed: number): GeneratedArticle {
  const rng = streamFor(seed, index);
  const published = START + Math.floor(rng() * ((END - START) / 60_000)) * 60_000;
  const date = new Date(published);
  const yyyy = String(date.getUTCFullYear());
  const mm = pad2(date.getUTCMonth() + 1);
  const title = `${pick(rng, SUBJECTS)} ${pick(rng, VERBS)} ${pick(rng, OBJECTS)} ${pick(rng, PLACES)}`;
  const slug = `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-')}-${String(index).padStart(6, '0')}`;
  const file = `articles/${yyyy}/${mm}/${slug}.md`;
  const authors = rng() < 0.15 ? pickSome(rng, AUTHORS, 2, 2) : [pick(rng, AUTHORS)];
  const categories = pickSome(rng, CATEGORIES, 1, 3);
  const tags = pickSome(rng, TAGS, 2, 6);
  const label = rng() < 0.12 ? pick(rng, LABELS) : undefined;
  const updated = rng() < 0.2 ? Math.min(END - 60_000, published + Math.floor(rng() * 72) * 3_600_000) : undefined;
  const credit = pick(rng, CREDITS);
  const caption = sentence(rng);
  const alt = sentence(rng).replace(/[,.]/g, '').split(' ').slice(0, 6).join(' ');

  const target = 3700 + Math.floor(rng() * 800);
  const decorateAt = rng() < 0.35 ? 1 : -1;
  const paragraphs: string[] = [];
  let length = 0;
  for (let i = 0; i < 40 && length < target; i += 1) {
    const text = paragraph(rng, i === decorateAt, slug);
    paragraphs.push(text);
    length += text.length + 2;
  }

  const front = [
    '---',
    `title: ${yaml(title)}`,
    `published: ${date.toISOString().replace('.000Z', 'Z')}`,
    ...(updated !== undefined ? [`updated: ${new Date(updated).toISOString().replace('.000Z', 'Z')}`] : []),
    'authors:',
    ...authors.map((name) => `  - ${yaml(name)}`),
    ...(label !== undefined ? [`label: ${yaml(label)}`] : []),
    'categories:',
    ...categories.map((name) => `  - ${yaml(name)}`),
    'tags:',
    ...tags.map((name) => `  - ${yaml(name)}`),
    'image:',
    `  url: /images/${yyyy}/${mm}/${slug}.jpg`,
    `  alt: ${yaml(alt)}`,
    `  caption: ${yaml(caption)}`,
    `  credit: ${yaml(credit)}`,
    '  type: image/jpeg',
    '  width: 1200',
    '  height: 675',
    '---',
  ];
  return { file, title, published, text: `${front.join('\n')}\n\n${paragraphs.join('\n\n')}\n` };
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
