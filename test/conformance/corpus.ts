import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A generated newsroom: a few thousand records whose authors, categories and tags are names in many scripts
 * (Latin with diacritics, Cyrillic, Greek, Arabic, Persian, Hebrew, Chinese, Japanese) and emoji, and whose
 * titles, captions, summaries and notes hold "&", "<", ">", quotes, "]]>" and control characters. The same
 * count always gives the same files: every choice comes from a seeded generator.
 */
export const CORPUS_NOW = Date.parse('2026-11-26T12:00:00Z');
export const CORPUS_RECORDS = 2000;

const AUTHORS = [
  'Søren Øster',
  'Łukasz Kowalski',
  'Tomás Ferreira',
  'Zoë Brontë',
  'Çağla Öztürk',
  'Nguyễn Thị Minh',
  'François Lefèvre',
  'Jiří Dvořák',
  'Анна Петрова',
  'Дмитрий Иванов',
  'Γιώργος Παπαδόπουλος',
  'Ελένη Κωνσταντίνου',
  'محمد العلي',
  'فاطمة الزهراء',
  'نسرین کریمی',
  'علی‌رضا رضایی',
  'דוד כהן',
  'שרה לוי',
  '王小明',
  '李华',
  '山田太郎',
  'さくら 田中',
  'Ana 🌍 Lima',
  '🚀 Space Desk',
  "Siobhán O'Brien & Sons",
  'Anna "Nan" Lee',
  'Priya <Raman>',
];

const CATEGORIES = [
  'World',
  'Middle East',
  'Ümlaut Größe',
  'Politique étrangère',
  'Экономика',
  'Πολιτική',
  'اقتصاد',
  'فرهنگ و هنر',
  'חדשות',
  '科技',
  'スポーツ',
  'Arts & Culture',
  'R&D <Lab>',
  'Q&A',
  'Climate 🌍',
];

const TAGS = [
  'Øresund',
  'Łódź',
  'Москва',
  'Αθήνα',
  'القاهرة',
  'تهران',
  'ירושלים',
  '北京',
  '東京',
  '🚀',
  'S&P 500',
  "it's",
];

/** Pieces of hostile text, each kept whole in what readers must see (control characters apart). */
const HOSTILE = [
  'Markets & Morale 📈',
  'Rates < 4% & falling',
  'Hostile <b>bold</b> & <script>alert(1)</script>',
  'Ends with ]]> and ]]> twice',
  '"Quoted" and \'single\' quotes',
  'A > B but B < C',
  'Literal &amp; and &lt;tag&gt; as text',
  'Tom&notable &copy 2026 &#169;',
  'bell\u0007 escape\u001b vertical\u000b tab',
  'نص عربي و متن فارسی',
  'עברית & 中文 & 日本語',
  '</p> closes nothing',
];

/** Raw HTML in bodies is another matter (the sanitizer's): bodies get the pieces without tags. */
const IN_BODY = HOSTILE.filter((text) => !/<[a-z/]/i.test(text));

const NOTES = ['Withdrawn: the figures were wrong & <unverified>.', 'Retracted ]]> at the source\u0007s request.'];

/** mulberry32: a small seeded generator, enough to pick from lists the same way every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A YAML scalar: JSON's double-quoted strings are YAML too, with control characters as \u escapes. */
const yaml = (value: unknown) => JSON.stringify(value);

/** Writes site.yaml, partners.yaml and `count` records into `dir`. */
export function writeCorpus(dir: string, count = CORPUS_RECORDS): void {
  const random = generator(9);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[], most: number): T[] => [
    ...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(list))),
  ];
  mkdirSync(join(dir, 'articles'), { recursive: true });
  writeFileSync(
    join(dir, 'site.yaml'),
    [
      'title: "Corpus & <Co> News"',
      'description: "Every script, every hostile character: & < > ]]> \\u0007"',
      'base_url: https://corpus.example/',
      'feeds_url: https://corpus.example/feeds/',
      'language: en',
      'time_zone: Asia/Tehran',
      'copyright: "© Corpus & <Co>"',
      'default_author: "Staff & <Desk>"',
      'id_authority: corpus.example,2026',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'partners.yaml'),
    [
      'partners:',
      ...['full-text', 'summary-only', 'msn', 'google-news', 'flipboard'].map(
        (profile) => `  - { id: ${profile}, name: ${yaml(`${profile} & <co>`)}, profile: ${profile}, keys: [] }`,
      ),
      '',
    ].join('\n'),
  );
  const start = Date.parse('2026-09-01T00:00:00Z');
  const span = CORPUS_NOW - start - 3_600_000;
  for (let index = 0; index < count; index += 1) {
    const published = start + Math.floor((span * (index + random())) / count);
    const month = new Date(published).toISOString().slice(0, 7).replace('-', '/');
    const lines = [
      '---',
      `title: ${yaml(`${pick(HOSTILE)} ${index} ${pick(HOSTILE)}`)}`,
      `published: ${yaml(new Date(published).toISOString())}`,
      `authors: ${yaml(some(AUTHORS, 3))}`,
      `categories: ${yaml(some(CATEGORIES, 2))}`,
      `tags: ${yaml(some(TAGS, 3))}`,
    ];
    if (random() < 0.5) lines.push(`summary: ${yaml(`${pick(HOSTILE)}: ${pick(HOSTILE)}`)}`);
    if (random() < 0.3) lines.push(`updated: ${yaml(new Date(published + 3_600_000).toISOString())}`);
    if (random() < 0.1) lines.push(`label: ${yaml(pick(['Analysis', 'Opinion & <Comment>']))}`);
    if (random() < 0.5) {
      lines.push(
        'image:',
        `  url: ${yaml(`/images/${index}/a photo&size=large.jpg?x=1&y=2`)}`,
        `  caption: ${yaml(pick(HOSTILE))}`,
        `  credit: ${yaml(pick([...AUTHORS, 'VCG <Agency> & Partners']))}`,
        `  copyright: ${yaml(`© ${pick(AUTHORS)}`)}`,
      );
    }
    if (index % 97 === 5) {
      const retracted = Math.max(published + 3_600_000, CORPUS_NOW - 86_400_000 * (index % 40));
      lines.push('status: retracted', `retracted_at: ${yaml(new Date(retracted).toISOString())}`);
      lines.push(`retraction_note: ${yaml(pick(NOTES))}`);
    }
    const body = `${pick(IN_BODY)}, with a raw bell \u0007 here.\n\nSecond paragraph: ${pick(IN_BODY)}.\n`;
    mkdirSync(join(dir, 'articles', month), { recursive: true });
    writeFileSync(join(dir, 'articles', month, `record-${index}.md`), `${lines.join('\n')}\n---\n\n${body}`);
  }
}
