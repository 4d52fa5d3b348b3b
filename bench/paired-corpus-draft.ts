/**
 * What one article of the paired corpus says, from its index and the shape alone: title, dates, authors,
 * categories, tags and a Markdown body, some with hostile characters or raw HTML blocks.
 */
import { mulberry32 } from './corpus-random.js';
import type { CorpusShape } from './paired-corpus-shape.js';

const START = Date.UTC(2016, 0, 1);
const END = Date.UTC(2026, 0, 1);

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
export interface Draft {
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
