import sanitizeLibrary from 'sanitize-html';
import { DEFAULT_TAGS } from '../../src/content/sanitize-html.js';
import assert from 'node:assert/strict';
import { absoluteSrcset, BODY_TAGS, sanitizeBody } from '../../src/content/sanitize.js';

const BASE = 'https://n.example/2026/11/s/';

/**
 * The elements the W3C Feed Validator accepts in HTML content without a "should not contain" warning
 * (HTMLValidator.acceptable_elements in its src/feedvalidator/validators.py).
 */
const VALIDATOR_ACCEPTS = new Set(
  (
    'a abbr acronym address area article aside audio b bdi big blockquote br button canvas caption center cite code ' +
    'col colgroup command data datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset ' +
    'figcaption figure footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input ins keygen kbd label legend ' +
    'li m main map mark menu meter multicol nav nextid ol output optgroup option p picture pre progress q rp rt ruby ' +
    's samp section select small sound source spacer span strike strong sub summary sup table tbody td template ' +
    'textarea time tfoot th thead tr track tt u ul var video noscript wbr'
  ).split(' '),
);

describe('the allow-lists, written out', () => {
  it('start from the very default tags of the sanitize-html installed', () => {
    assert.deepEqual(DEFAULT_TAGS, sanitizeLibrary.defaults.allowedTags);
  });
});

describe('a public body', () => {
  it('never carries a script, a style, an event handler or a javascript: URL', () => {
    const html = sanitizeBody(
      [
        '<p onclick="steal()" style="color:red">Text<script>alert(1)</script></p>',
        '<style>p { display: none }</style>',
        '<img src="a.jpg" onerror="alert(2)" alt="a">',
        '<a href="javascript:alert(3)">one</a> <a href=" java\tscript:alert(4)">two</a>',
        '<a href="JaVaScRiPt:alert(5)">three</a> <a href="data:text/html,x">four</a>',
        '<svg onload="alert(6)"><script>alert(7)</script></svg><object data="x.swf"></object><embed src="y.swf">',
        '<form action="/post"><input name="q"></form><div style="background:url(javascript:alert(8))">box</div>',
      ].join('\n'),
      BASE,
    );
    assert.doesNotMatch(html, /<script|<style|<svg|<object|<embed|<form|<input|\son\w+=|style=|javascript:|data:/i);
    assert.doesNotMatch(html, /alert/);
    assert.match(html, /<p>Text<\/p>/);
    assert.match(html, /<img src="https:\/\/n\.example\/2026\/11\/s\/a\.jpg" alt="a" \/>/);
    assert.match(html, /<a>one<\/a> <a>two<\/a>/);
    assert.match(html, /<div>box<\/div>/);
  });

  it('keeps an embedded YouTube player and removes an iframe from any other host', () => {
    const html = sanitizeBody(
      '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen ' +
        'onload="x()"></iframe>\n<iframe src="https://evil.example/frame"><p>fallback</p></iframe>\n' +
        '<iframe src="/relative/frame"></iframe>',
      BASE,
    );
    assert.equal(
      html,
      '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen></iframe>\n\n',
    );
  });

  it('keeps figures with sized images, tables, lists, quotes, code, headings and the language and direction', () => {
    const kept = [
      '<h2>Heading</h2>',
      '<figure><img src="https://img.example/a.jpg" alt="A" width="640" height="480" />',
      '<figcaption>Cap</figcaption></figure>',
      '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>',
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>',
      '<blockquote><p>Quoted</p></blockquote>',
      '<pre><code class="language-js">let x = 1 &lt; 2;</code></pre>',
      '<p lang="fa" dir="rtl">سلام دنیا</p>',
    ].join('\n');
    assert.equal(sanitizeBody(kept, BASE), kept);
  });

  it('keeps only elements the W3C Feed Validator accepts, and iframes from the embed hosts', () => {
    assert.deepEqual(
      BODY_TAGS.filter((tag) => !VALIDATOR_ACCEPTS.has(tag)),
      ['iframe'],
    );
  });
});

describe('a srcset', () => {
  it('has each candidate made absolute, commas inside a URL kept', () => {
    assert.equal(
      absoluteSrcset(' a.jpg, /b.jpg 2x,c.jpg 3x , https://cdn.example/w_1,h_2/d.jpg 100w', BASE),
      'https://n.example/2026/11/s/a.jpg, https://n.example/b.jpg 2x, https://n.example/2026/11/s/c.jpg 3x, ' +
        'https://cdn.example/w_1,h_2/d.jpg 100w',
    );
  });
});
