import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { default as MarkdownItCallable } from 'markdown-it';
import { markdownOnlyHtml } from '../../src/content/markdown-html.js';
import { sanitizeBody } from '../../src/content/sanitize.js';

const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItCallable;
const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
const ARTICLE = 'https://n.example/2026/11/story/';

/** What the allow-list makes of the body's HTML, and what the Markdown-only path makes of it (or undefined). */
function bothWays(body: string): { allowList: string; markdownOnly: string | undefined } {
  const allowList = sanitizeBody(parser.render(body), ARTICLE);
  return { allowList, markdownOnly: markdownOnlyHtml(parser.parse(body, {}), ARTICLE, parser) };
}

/** Bodies written in Markdown alone, each with something the allow-list could have written otherwise. */
const MARKDOWN_ONLY = [
  'Plain words.',
  'Quotes "double" and \'single\', AT&T, 1 < 2 > 0, &amp; &copy; &#169; &#x1F600; &#0; &nbsp;',
  'Emoji 👩‍👩‍👧 and RTL: مرحبا بالعالم, עברית, CJK 北京市, Hangul 한국어.',
  'Controls \u0001\u0008\u000b\u000c\u001f\u007f, a line separator \u2028 and ]]>',
  '**bold** *em* _em_ __bold__ ~~struck~~ `code "q" <b> & x` and a \\*literal\\*.',
  '# One\n\n## Two\n\nSetext\n======\n\n###### Six',
  '- a\n- b\n  - nested\n\n1. one\n2. two\n\n7. seven\n8. eight\n\n* loose\n\n* list',
  '> quoted\n> > twice\n\n---\n\n***',
  'Line one  \nline two\\\nline three\nsoft',
  '    indented code <x> & "y"\n\n```\nfenced <x> & "y"\n```\n\n```js title="x"\nlet a = "<b>";\n```',
  '```c\\+\\+\ncode\n```\n\n~~~ a&amp;b\ncode\n~~~',
  '[rel](/x/) [dot](../up/) [hash](#top) [q](?a=1&b=2) [abs](https://other.example/a b) [mail](mailto:news@n.example)',
  '[titled](/x "a \\"title\\" & more") [ref][r] <https://auto.example/x?y=1&z=2> <news@n.example>\n\n[r]: /ref/ "Ref"',
  '![alt *text* & "q"](/img/a.jpg "Title") ![](empty-alt.png) [![nested](i.png)](/to/)',
  '[unicode](/path/ünïcode/?q=北京) [spaces](<with space/x>) [encoded](/a%20b/)',
  'Empty\n\n&nbsp;\n\nparagraphs',
  'Empty addresses: ![none]() [none]() [space](< >)',
  '[up](HTTPS://Other.Example/A) [pr](//cdn.example/a.pdf) [t](/x "ti\u0001tle")',
  '\\<not a tag\\> and 3 < 4 and a<b',
  '[js](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,x) are no links to Markdown',
];

/** Bodies the Markdown-only path leaves to the allow-list. */
const TO_THE_ALLOW_LIST = [
  'Raw <b>inline</b> HTML.',
  '<div>block</div>',
  '<!-- a comment -->',
  'A <![CDATA[ section ]]>',
  '[ftp](ftp://files.example/a)',
  '[tel](tel:+123)',
  '[no URL](http://[::1)',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '| a |\n| :-: |\n| 1 |',
];

describe('a body written in Markdown alone', () => {
  for (const body of MARKDOWN_ONLY) {
    it(`comes out as the allow-list gives it: ${JSON.stringify(body.slice(0, 50))}`, () => {
      const { allowList, markdownOnly } = bothWays(body);
      assert.notEqual(markdownOnly, undefined, 'the Markdown-only path declined it');
      assert.equal(markdownOnly, allowList);
    });
  }

  for (const body of TO_THE_ALLOW_LIST) {
    it(`is left to the allow-list when it holds what only the allow-list may judge: ${JSON.stringify(body)}`, () => {
      assert.equal(bothWays(body).markdownOnly, undefined);
    });
  }

  it('comes out as the allow-list gives it for thousands of bodies mixed from all of the above', () => {
    const pieces = [...MARKDOWN_ONLY, ...TO_THE_ALLOW_LIST];
    let seed = 10;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    let taken = 0;
    for (let n = 0; n < 3000; n++) {
      const parts = Array.from({ length: 1 + (n % 5) }, () => pieces[next()] ?? '');
      const body = parts.join(n % 3 === 0 ? '\n' : '\n\n');
      const { allowList, markdownOnly } = bothWays(body);
      if (markdownOnly === undefined) continue;
      taken++;
      assert.equal(markdownOnly, allowList, `for ${JSON.stringify(body)}`);
    }
    assert.ok(taken > 500, `only ${taken} of 3,000 took the Markdown-only path`);
  });
});
