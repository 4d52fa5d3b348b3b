import assert from 'node:assert/strict';
import { articleBody, parseArticle } from '../../src/content/article.js';
import { formatProblem } from '../../src/content/problem.js';
import type { Article } from '../../src/content/types.js';
import { record, testSite } from '../helpers/content.js';

const site = testSite();

function parse(frontMatter: string, body?: string, file = 'articles/2026/11/the-story.md'): Article {
  const result = parseArticle(record(frontMatter, body), file, site);
  assert.deepEqual(result.problems, []);
  return result.article!;
}

describe('an article record', () => {
  it('reads a date without an offset in the site time zone', () => {
    const article = parse('title: T\npublished: "2026-11-26T09:30:00"');
    assert.equal(new Date(article.published).toISOString(), '2026-11-26T05:30:00.000Z');
  });

  it('keeps the offset a date gives', () => {
    const article = parse('title: T\npublished: "2026-11-26T09:30:00Z"');
    assert.equal(new Date(article.published).toISOString(), '2026-11-26T09:30:00.000Z');
  });

  it('takes its id from its path, so a new title or slug never changes it', () => {
    const first = parse('title: First title\npublished: 2026-11-26');
    const renamed = parse('title: Another title\nslug: another-slug\npublished: 2026-11-26');
    assert.equal(first.id, 'tag:news.test.example,2026:articles/2026/11/the-story');
    assert.equal(renamed.id, first.id);
    assert.equal(renamed.url, 'https://news.test.example/2026/11/another-slug/');
  });

  it('turns a given id into a tag URI unless it is a URI already', () => {
    assert.equal(
      parse('title: T\npublished: 2026-11-26\nid: legacy-4711').id,
      'tag:news.test.example,2026:legacy-4711',
    );
    assert.equal(
      parse('title: T\npublished: 2026-11-26\nid: "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"').id,
      'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    );
  });

  it('falls back to the site defaults for author, language and URL', () => {
    const article = parse('title: T\npublished: 2026-11-26');
    assert.deepEqual(article.authors, [{ name: 'Staff Report' }]);
    assert.equal(article.language, 'en');
    assert.equal(article.status, 'published');
    assert.equal(article.url, 'https://news.test.example/2026/11/the-story/');
  });

  it('reads authors given as names or as mappings', () => {
    const article = parse(
      'title: T\npublished: 2026-11-26\nauthors:\n  - Leila Haddad\n  - name: Jonas Berg\n    email: jonas@news.test.example\n    url: /authors/jonas/',
    );
    assert.deepEqual(article.authors, [
      { name: 'Leila Haddad' },
      { name: 'Jonas Berg', email: 'jonas@news.test.example', url: 'https://news.test.example/authors/jonas/' },
    ]);
  });

  it('resolves a relative image URL and tells its media type from the extension', () => {
    const article = parse('title: T\npublished: 2026-11-26\nimage:\n  url: /images/a b&c.jpg\n  credit: VCG');
    assert.deepEqual(article.image, {
      url: 'https://news.test.example/images/a%20b&c.jpg',
      type: 'image/jpeg',
      credit: 'VCG',
    });
  });

  it('reads other sizes of the image, each with its URL, width and height, and names what is wrong in each', () => {
    const image = 'image:\n  url: /a.jpg\n  width: 640\n  height: 360\n  renditions:\n';
    const article = parse(
      `title: T\npublished: 2026-11-26\n${image}    - url: /a-1600.webp\n      width: 1600\n      height: 900`,
    );
    assert.deepEqual(article.imageRenditions, [
      { url: 'https://news.test.example/a-1600.webp', width: 1600, height: 900, type: 'image/webp' },
    ]);
    assert.equal('renditions' in article.image!, false, 'the image itself, as public feeds carry it, is unchanged');
    const result = parseArticle(
      record(
        `title: T\npublished: 2026-11-26\n${image}    - url: /b.jpg\n      width: 0\n    - width: 800\n      height: 450`,
      ),
      'articles/2026/11/sizes.md',
      site,
    );
    assert.deepEqual(result.problems.map(formatProblem), [
      'articles/2026/11/sizes.md: image.renditions[0].width: expected a whole number from 1 to 100000, found number 0',
      'articles/2026/11/sizes.md: image.renditions[0].height: required; found nothing',
      'articles/2026/11/sizes.md: image.renditions[1].url: required; found nothing',
    ]);
  });

  it('drops control characters but keeps emoji and right-to-left text', () => {
    const text = record('title: "Bell\\u0007 🚀 خبر"\npublished: 2026-11-26', 'Body\u0001 text ✓ سلام');
    assert.equal(parse('title: "Bell\\u0007 🚀 خبر"\npublished: 2026-11-26').title, 'Bell 🚀 خبر');
    assert.equal(articleBody(text).trim(), 'Body text ✓ سلام');
  });

  it('is published when BEL, ESC and VT were pasted into its title, without them, and warns naming each with its line', () => {
    const result = parseArticle(
      record('published: 2026-11-26\ntitle: Oman\u0007 talks\u001b resume\u000b\nsummary: Calm\u0007 words'),
      'articles/2026/11/pasted.md',
      site,
    );
    assert.equal(result.article?.title, 'Oman talks resume');
    assert.equal(result.article.summary, 'Calm words');
    assert.deepEqual(result.problems.map(formatProblem), [
      'warning: articles/2026/11/pasted.md: title: removed the control characters U+0007 (BEL), U+001B (ESC) and U+000B (VT) at line 3',
      'warning: articles/2026/11/pasted.md: summary: removed the control character U+0007 (BEL) at line 4',
    ]);
  });

  it('says how to fix a title with a colon in it', () => {
    const result = parseArticle(record('title: Oman: talks resume\npublished: 2026-11-26'), 'articles/x.md', site);
    assert.equal(result.article, undefined);
    assert.deepEqual(result.problems.map(formatProblem), [
      'articles/x.md: title: expected valid YAML, found a colon inside the value at line 2, which YAML reads as a new field; quote the value: title: "Oman: talks resume"',
    ]);
  });

  it('reports every problem of a record at once', () => {
    const result = parseArticle(record('title: [a]\npublished: soon\nstatus: live'), 'articles/x.md', site);
    assert.deepEqual(
      result.problems.map((problem) => problem.field),
      ['title', 'published', 'status'],
    );
  });
});
