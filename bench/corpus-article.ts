/**
 * One record of the benchmark corpus, from its index and the seed alone. Records are shaped like
 * content/articles/2026/11/oman-talks.md: front matter with title, published (some with updated), authors,
 * categories, tags, a lead image with credit and a label on some, then a Markdown body of several paragraphs,
 * about 4-5 KB.
 *
 * Every record is published before 2026-01-01, so none is under embargo whenever the benchmark runs.
 */
import { AUTHORS, CATEGORIES } from './corpus-feed-pools.js';
import { CREDITS, LABELS, TAGS } from './corpus-front-matter-pools.js';
import { pick, pickSome, streamFor } from './corpus-random.js';
import { OBJECTS, PLACES, SUBJECTS, VERBS, WORDS } from './corpus-words.js';

export interface GeneratedArticle {
  /** Path under the content folder, e.g. articles/2024/03/port-authority-expands-000042.md. */
  readonly file: string;
  readonly title: string;
  readonly published: number;
  readonly text: string;
}

const START = Date.UTC(2016, 0, 1);
/** Exclusive: every record is published before this, so nothing is under embargo. */
const END = Date.UTC(2026, 0, 1);

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
