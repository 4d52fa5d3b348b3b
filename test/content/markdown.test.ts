import assert from 'node:assert/strict';
import { renderBody, summarize } from '../../src/content/markdown.js';

describe('an article body', () => {
  it('has relative links and images made absolute against the article URL', () => {
    const { html } = renderBody(
      '[a](/x/) [b](y.html) [c](#top) ![i](img/p.jpg) [d](https://other.example/)',
      'https://n.example/2026/11/s/',
    );
    assert.match(html, /href="https:\/\/n.example\/x\/"/);
    assert.match(html, /href="https:\/\/n.example\/2026\/11\/s\/y.html"/);
    assert.match(html, /href="https:\/\/n.example\/2026\/11\/s\/#top"/);
    assert.match(html, /src="https:\/\/n.example\/2026\/11\/s\/img\/p.jpg"/);
    assert.match(html, /href="https:\/\/other.example\/"/);
  });

  it('has the links and images of its raw HTML blocks made absolute too', () => {
    const body = [
      'Text first.',
      '',
      '<figure><img src="photos/harbour.jpg" srcset="photos/harbour-480.jpg 480w, /img/w_960,q_80/harbour.jpg 960w"' +
        ' width="960" height="540"><figcaption>The harbour, <a href="../harbour/">earlier</a></figcaption></figure>',
      '',
      '<p>See <a href="/world/">World</a>, <a href="#notes">the notes</a> and <a href="//cdn.example/a.pdf">a PDF</a>.</p>',
      '',
      '<blockquote cite="/sources/1"><p>Quoted.</p></blockquote>',
      '',
      '<video src="clips/c.mp4" poster="clips/c.jpg" controls></video>',
    ].join('\n');
    const { html } = renderBody(body, 'https://n.example/2026/11/s/');
    const urls = [...html.matchAll(/(?:href|src|cite|poster)="([^"]*)"|srcset="([^"]*)"/g)].flatMap(
      ([, url, srcset]) =>
        url !== undefined ? [url] : (srcset ?? '').split(', ').map((candidate) => candidate.split(' ')[0] ?? ''),
    );
    assert.deepEqual(urls, [
      'https://n.example/2026/11/s/photos/harbour.jpg',
      'https://n.example/2026/11/s/photos/harbour-480.jpg',
      'https://n.example/img/w_960,q_80/harbour.jpg',
      'https://n.example/2026/11/harbour/',
      'https://n.example/world/',
      'https://n.example/2026/11/s/#notes',
      'https://cdn.example/a.pdf',
      'https://n.example/sources/1',
      'https://n.example/2026/11/s/clips/c.mp4',
      'https://n.example/2026/11/s/clips/c.jpg',
    ]);
    assert.match(html, /srcset="[^"]* 480w, [^"]* 960w"/);
  });

  it('gives its plain text, without markup', () => {
    assert.equal(
      renderBody('Some **bold** and `code`.\n\nA [link](/x).', 'https://n.example/').text,
      'Some bold and code.\n\nA link.',
    );
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
    const body = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} with [a link](/p${i}/) and some words.`).join(
      '\n\n',
    );
    const whole = renderBody(body, 'https://n.example/');
    const start = renderBody(body, 'https://n.example/', 100);
    assert.equal(start.html, whole.html);
    assert.ok(start.text.length > 100 && whole.text.startsWith(start.text));
    assert.equal(summarize(start.text, 100), summarize(whole.text, 100));
  });
});
