import assert from 'node:assert/strict';
import { renderBody, summarize } from '../../src/content/markdown.js';

describe('an article body', () => {
  it('has relative links and images made absolute against the article URL', () => {
    const { html } = renderBody('[a](/x/) [b](y.html) [c](#top) ![i](img/p.jpg) [d](https://other.example/)', 'https://n.example/2026/11/s/');
    assert.match(html, /href="https:\/\/n.example\/x\/"/);
    assert.match(html, /href="https:\/\/n.example\/2026\/11\/s\/y.html"/);
    assert.match(html, /href="#top"/);
    assert.match(html, /src="https:\/\/n.example\/2026\/11\/s\/img\/p.jpg"/);
    assert.match(html, /href="https:\/\/other.example\/"/);
  });

  it('gives its plain text, without markup', () => {
    assert.equal(renderBody('Some **bold** and `code`.\n\nA [link](/x).', 'https://n.example/').text, 'Some bold and code.\n\nA link.');
  });
});

describe('a summary', () => {
  it('is the text itself when short enough', () => {
    assert.equal(summarize('Short   text.\n\nTwo paragraphs.'), 'Short text. Two paragraphs.');
  });

  it('is cut at a word boundary with an ellipsis', () => {
    const summary = summarize('word '.repeat(100), 30);
    assert.equal(summary, 'word word word word word…');
  });

  it('never cuts an emoji or a letter in half', () => {
    const summary = summarize('🚀'.repeat(40), 10);
    assert.equal(summary, `${'🚀'.repeat(9)}…`);
  });
});

describe('an article body asked for only the start of its text', () => {
  it('still renders all of its HTML, and gives enough text for a summary', () => {
    const body = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} with [a link](/p${i}/) and some words.`).join('\n\n');
    const whole = renderBody(body, 'https://n.example/');
    const start = renderBody(body, 'https://n.example/', 100);
    assert.equal(start.html, whole.html);
    assert.ok(start.text.length > 100 && whole.text.startsWith(start.text));
    assert.equal(summarize(start.text, 100), summarize(whole.text, 100));
  });
});
