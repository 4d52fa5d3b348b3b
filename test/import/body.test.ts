import assert from 'node:assert/strict';
import { renderBody } from '../../src/content/markdown.js';
import { htmlAsMarkdown, liftLeadImage } from '../../src/import/body.js';
import { parseFeedDate } from '../../src/import/dates.js';
import { autoParagraphs, plainText } from '../../src/import/html.js';

const URL = 'https://news.test.example/2026/11/a/';
const rendered = (html: string) => renderBody(htmlAsMarkdown(html), URL).html;

describe('an imported HTML body in a record', () => {
  it('stays HTML from end to end: nothing after a blank line is read as Markdown', () => {
    const html = '<p>One *star* here.</p>\n\n    <p>Indented _after_ a blank line.</p>\n\n<ul><li>a</li></ul>';
    assert.equal(
      rendered(html),
      '<p>One *star* here.</p>\n<p>Indented _after_ a blank line.</p>\n<ul><li>a</li></ul>\n',
    );
  });

  it('keeps the blank lines of a pre', () => {
    assert.match(rendered('<p>Code:</p>\n<pre><code>a\n\n  b</code></pre>'), /<pre><code>a\n\n {2}b<\/code><\/pre>/);
  });

  it('is wrapped in a div when it does not open with a block element, so that all of it stays HTML', () => {
    assert.equal(
      htmlAsMarkdown('Text with <b>bold</b>\n\n# not a heading'),
      '<div>\nText with <b>bold</b>\n# not a heading\n</div>\n',
    );
    assert.doesNotMatch(rendered('<img src="a.jpg">\n\n# not a heading'), /<h1>/);
  });

  it('loses its opening figure when that is the lead image, whose alt text and caption it keeps', () => {
    const html =
      '<figure><img src="https://x.example/up/photo-1024x683.jpg" alt="A &amp; B"><figcaption>The <em>port</em></figcaption></figure>\n<p>Text.</p>';
    const lifted = liftLeadImage(html, { url: 'https://x.example/up/photo.jpg' });
    assert.deepEqual(lifted, {
      html: '<p>Text.</p>',
      image: { url: 'https://x.example/up/photo.jpg', alt: 'A & B', caption: 'The port' },
    });
    const other = liftLeadImage(html, { url: 'https://x.example/up/other.jpg' });
    assert.equal(other.html, html, 'a figure of another image stays');
  });

  it("gets WordPress's paragraphs where WordPress keeps blank lines", () => {
    assert.equal(
      autoParagraphs('One\nline two\n\n<!-- wp:quote -->\n<blockquote><p>Q</p></blockquote>\n\n<pre>x</pre>'),
      '<p>One<br>\nline two</p>\n<!-- wp:quote -->\n<blockquote><p>Q</p></blockquote>\n<pre>x</pre>',
    );
  });

  it('gives plain text of HTML with entities decoded and block ends as spaces', () => {
    assert.equal(plainText('<p>Tom &amp; Jerry&#8217;s</p><p>5 &lt; 6 &hellip;</p>'), 'Tom & Jerry’s 5 < 6 …');
  });
});

describe('dates in the forms feeds write them', () => {
  it('reads RFC 822 (zones by offset and by name) and RFC 3339, and refuses a time with no zone', () => {
    const instant = Date.parse('2026-11-24T07:15:22Z');
    assert.equal(parseFeedDate('Tue, 24 Nov 2026 07:15:22 +0000'), instant);
    assert.equal(parseFeedDate('Tue, 24 Nov 2026 07:15:22 GMT'), instant);
    assert.equal(parseFeedDate('24 Nov 2026 02:15:22 EST'), instant);
    assert.equal(parseFeedDate('Tue, 24 Nov 2026 11:15:22 +0400'), instant);
    assert.equal(parseFeedDate('2026-11-24T11:15:22+04:00'), instant);
    assert.equal(parseFeedDate('2026-11-24T07:15:22.000Z'), instant);
    assert.equal(parseFeedDate('2026-11-24T07:15:22'), undefined);
    assert.equal(parseFeedDate('yesterday'), undefined);
  });
});
