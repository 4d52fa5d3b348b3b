import assert from 'node:assert/strict';
import { mulberry32 } from '../../bench/corpus-random.js';
import { cleanText, squash } from '../../src/content/text.js';

/** What must never reach a feed, as XML 1.0 and the project define it, removed code point by code point. */
const removedOneByOne = (text: string) =>
  text.replace(/[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

const PIECES = ['a', ' ', '\t', '\n', '\r', '\x00', '\x07', '\x1b', '\x7f', '\x85', '\x9f', '\xa0', 'é', 'ش', '中'];
const MORE = [
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  '\udbff\udfff',
  '\ud800\ud800',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ue000',
];

describe('text made fit for a feed', () => {
  it('keeps emoji, right-to-left text and CJK as they are', () => {
    const text = 'Talks 😀 in مسقط, 中文 👨‍👩‍👧 done';
    assert.equal(cleanText(text), text);
  });

  it('removes controls, lone surrogates and U+FFFE/U+FFFF, and nothing else', () => {
    assert.equal(cleanText('a\x07b\ud83dc\ude00d\ufffee\uffff\x85f 😀'), 'abcdef 😀');
    assert.equal(squash('  one\x1b  two\n three '), 'one two three');
  });

  it('gives what removing every unwanted code point gives, in 20,000 random mixes', () => {
    const random = mulberry32(20261207);
    const pieces = [...PIECES, ...MORE];
    for (let index = 0; index < 20_000; index += 1) {
      const length = Math.floor(random() * 12);
      const text = Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      assert.equal(cleanText(text), removedOneByOne(text), JSON.stringify(text));
    }
  });
});
