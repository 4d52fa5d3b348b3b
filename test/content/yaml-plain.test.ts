import assert from 'node:assert/strict';
import { CORE_SCHEMA, load } from 'js-yaml';
import { mulberry32 } from '../../bench/corpus-random.js';
import { parsePlainYaml } from '../../src/content/yaml-plain.js';

const jsYaml = (text: string): unknown => load(text, { schema: CORE_SCHEMA });

/** Forms the plain path reads: each must give exactly what js-yaml gives. */
const READ: readonly string[] = [
  'title: Gulf Shipping Insurance Rates Ease as Regional Diplomacy Resumes\npublished: "2026-11-03T08:15:00+04:00"\n',
  'published: 2026-11-26\nupdated: 2026-11-26T10:00:00Z\n',
  'authors:\n  - Leila Haddad\n  - Jonas Berg\ncategories:\n- Business\n- World\n',
  'image:\n  url: /images/2026/11/oman-talks.jpg\n  alt: The Muscat waterfront\n  credit: VCG\n  copyright: © VCG\n  width: 1200\n  syndication: false\nlabel: Official Partner\n',
  'a: ~\nb: null\nc: NULL\nd:\ne: true\nf: False\ng: TRUE\n',
  'a: 0\nb: 12\nc: +12\nd: 0x1F\ne: 0o17\nf: 0b101\ng: 3.5\nh: .5\ni: 1e3\nj: .inf\nk: .NaN\nl: 1_000\n',
  'a: \'single\'\nb: "double"\nc: \'\'\nd: ""\ne: "it\'s"\nf: \'say "so"\'\n',
  'title: 😀 العربية 中文 <b>&amp; ]]> x, y [z] {w}\nsummary: Top:the list\nurl: https://x.example/a?b=c&d=e#f\n',
  'deep:\n  inner:\n    list:\n      - one\n      - 2\n    after: x\n  back: y\nend: z\n',
  'sponsored: true\nlast:',
];

/** Forms it leaves to js-yaml (which reads them, or says what is wrong). */
const LEFT: readonly string[] = [
  '# a comment\ntitle: x\n',
  'title: x # a comment\n',
  'title: "x # not a comment"\n',
  'title:\tx\n',
  'title: x\r\n',
  '\ufefftitle: x\n',
  'a: &anchor x\nb: *anchor\n',
  'a: !!str 12\n',
  'a: [1, 2]\n',
  'a: {b: c}\n',
  'a: |\n  block\n',
  'a: >\n  folded\n',
  'a: plain\n  continued\n',
  'a: "escaped \\" quote"\n',
  "a: 'it''s'\n",
  'a: 1\na: 2\n',
  'true: x\n',
  '12: x\n',
  '__proto__: x\n',
  ' a: indented first\n',
  'a:\n  b: 1\n c: 2\n',
  'a:  two spaces\n',
  'a: trailing \n',
  'a:\n  -  two spaces\n',
  'a:\n  - b: mapping in a list\n',
  'a:\n  -\n',
  'a:\n  - x\n    continued\n',
  'a: -1\n',
  'a: x\n   \nb: y\n',
  'a: lone \ud800 surrogate\n',
  'a: next\u2028line\n',
  '',
];

describe('front matter read without the general YAML parser', () => {
  for (const text of READ) {
    it(`reads ${JSON.stringify(text.slice(0, 50))} as js-yaml does`, () => {
      const plain = parsePlainYaml(text);
      assert.notEqual(plain, undefined, 'on the plain path');
      assert.deepStrictEqual(plain, jsYaml(text));
    });
  }

  for (const text of LEFT) {
    it(`leaves ${JSON.stringify(text.slice(0, 40))} to js-yaml`, () => {
      assert.equal(parsePlainYaml(text), undefined);
    });
  }

  it('reads nothing differently from js-yaml, nor what it refuses, in 100,000 random mixes', () => {
    const random = mulberry32(20261207);
    let read = 0;
    for (let index = 0; index < 100_000; index += 1) {
      const text = randomDocument(random);
      const plain = parsePlainYaml(text);
      if (plain === undefined) continue;
      read += 1;
      let expected: unknown;
      assert.doesNotThrow(() => (expected = jsYaml(text)), `js-yaml refuses ${JSON.stringify(text)}`);
      assert.deepStrictEqual(plain, expected, JSON.stringify(text));
    }
    assert.ok(read > 1000, `${read} mixes on the plain path`);
  });
});

const SOME = [
  'a',
  'Z',
  '1',
  '0',
  '-',
  ' ',
  '  ',
  ':',
  ': ',
  '#',
  ' #',
  '"',
  "'",
  '\\',
  ',',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
];
const MORE = ['!', '|', '>', '%', '@', '`', '?', '~', '.', 'e', 'x', 'o', '_', '+', 'true', 'False', 'null', '.inf'];
const ODD = ['.NaN', '0x1F', '0o17', '1e3', '12', '-3', '3.5', '😀', 'العربية', '中文', '\u00a0', '\u0085', '\t', '\r'];
const ATOMS = [...SOME, ...MORE, ...ODD, '\x07', '---', '...', '<', '&amp;', ']]>'];
const WORDS = ['word', 'Hello', ' ', '2019-03-26T22:24:00Z', '/images/a.jpg', 'https://x.example/?b=c', '1200', 'VCG'];
const KEYS = ['title', 'published', 'authors', 'image', 'url', 'width', 'true', 'null', 'dc-date', '_x', 'a b', '1'];

type Random = () => number;

function randomDocument(random: Random, depth = 0): string {
  const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)] as T;
  const word = () =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random() < 0.7 ? WORDS : ATOMS)).join('');
  const key = () => (random() < 0.8 ? pick(KEYS) : word());
  const value = () => {
    const kind = random();
    return kind < 0.2 ? `"${word()}"` : kind < 0.3 ? `'${word()}'` : kind < 0.35 ? '' : word();
  };
  const indent = ' '.repeat(depth * pick([2, 2, 4, 1]));
  const lines: string[] = [];
  for (let count = 1 + Math.floor(random() * 5); count > 0; count -= 1) {
    const form = random();
    if (form < 0.5) lines.push(`${indent}${key()}:${pick([' ', ' ', '  ', ''])}${value()}`);
    else if (form < 0.75) {
      lines.push(`${indent}${key()}:`);
      const itemIndent = pick([indent, `${indent}  `, `${indent} `]);
      for (let item = 1 + random() * 3; item > 0; item -= 1)
        lines.push(`${itemIndent}-${pick([' ', ' ', '  ', ''])}${value()}`);
    } else if (form < 0.9 && depth < 2) lines.push(`${indent}${key()}:`, randomDocument(random, depth + 1));
    else lines.push(pick(['', ' ', `${indent}${word()}`, `${indent}  ${value()}`, `${indent}# c`]));
  }
  return lines.join('\n') + (depth === 0 ? pick(['\n', '']) : '');
}
