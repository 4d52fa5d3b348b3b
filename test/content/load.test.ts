import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleLoader } from '../../src/content/load.js';
import { formatProblem } from '../../src/content/problem.js';
import { TempContent, record, testSite } from '../helpers/content.js';

describe('the article loader', () => {
  let temp: TempContent;
  const site = testSite();
  beforeEach(() => {
    temp = new TempContent();
  });
  afterEach(() => temp.remove());

  const problemsOf = () => new ArticleLoader(temp.content).load(site).problems.map(formatProblem);

  it('leaves out a record that is gone by the time it is read, and loads the rest', () => {
    temp.write('articles/2026/11/kept.md', record('title: Still here\npublished: 2026-11-20'));
    // A link to nothing is listed like a record and fails to open like one renamed during the build.
    symlinkSync(join(temp.content, 'articles/2026/11/renamed-away.md'), join(temp.content, 'articles/2026/11/gone.md'));
    const { articles, problems } = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      articles.map((article) => article.title),
      ['Still here'],
    );
  });

  it('follows a folder linked in from elsewhere, and reads a folder reached by two links once', () => {
    const desk = join(temp.root, 'desk');
    mkdirSync(desk);
    writeFileSync(join(desk, 'linked.md'), record('title: Through a link\npublished: 2026-11-20'));
    symlinkSync(desk, join(temp.content, 'articles/desk'));
    symlinkSync(desk, join(temp.content, 'articles/desk-again'));
    symlinkSync(join(temp.content, 'articles'), join(desk, 'loop'));
    const { articles, problems } = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      articles.map((article) => article.file),
      ['articles/desk/linked.md'],
    );
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    temp.write(
      'articles/2026/11/windows.md',
      `\uFEFF${record('title: Written on Windows\npublished: 2026-11-20').replace(/\n/g, '\r\n')}`,
    );
    const { articles, problems } = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(problems, []);
    assert.equal(articles[0]?.title, 'Written on Windows');
  });

  it('publishes a record whose title holds control characters and passes the warning on with the problems', () => {
    temp.article('2026/11/pasted.md', 'title: Talks\u0007 resume\u001b\npublished: 2026-11-20');
    temp.article('2026/11/clean.md', 'title: Clean\npublished: 2026-11-20');
    const { articles, problems } = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(
      articles.map((article) => article.title),
      ['Clean', 'Talks resume'],
    );
    assert.deepEqual(problems.map(formatProblem), [
      'warning: articles/2026/11/pasted.md: title: removed the control characters U+0007 (BEL) and U+001B (ESC) at line 2',
    ]);
  });

  it('refuses invalid UTF-8 and names the file', () => {
    temp.write(
      'articles/2026/11/latin1.md',
      Buffer.concat([
        Buffer.from('---\ntitle: Caf'),
        Buffer.from([0xe9]),
        Buffer.from('\npublished: 2026-11-20\n---\nBody\n'),
      ]),
    );
    assert.deepEqual(problemsOf(), [
      'articles/2026/11/latin1.md: (file): expected UTF-8 text, found bytes that are not valid UTF-8',
    ]);
  });

  it('refuses a 50 MB file without reading it', () => {
    const path = temp.write('articles/2026/11/huge.md', '');
    truncateSync(path, 50 * 1024 * 1024);
    assert.deepEqual(problemsOf(), ['articles/2026/11/huge.md: (file): expected at most 2 MB, found 50.0 MB']);
  });

  it('leaves out both records that share an id, and keeps the others', () => {
    temp.article('2026/11/a.md', 'title: A\npublished: 2026-11-20\nid: same');
    temp.article('2026/11/b.md', 'title: B\npublished: 2026-11-20\nid: same');
    temp.article('2026/11/c.md', 'title: C\npublished: 2026-11-20');
    const { articles, problems } = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(
      articles.map((article) => article.title),
      ['C'],
    );
    assert.deepEqual(problems.map(formatProblem), [
      'articles/2026/11/a.md: id: expected an id of its own, found tag:news.test.example,2026:same, also used by articles/2026/11/b.md',
      'articles/2026/11/b.md: id: expected an id of its own, found tag:news.test.example,2026:same, also used by articles/2026/11/a.md',
    ]);
  });

  it('reads a record again only when its file changed', () => {
    const path = temp.article('2026/11/a.md', 'title: A\npublished: 2026-11-20');
    temp.article('2026/11/b.md', 'title: B\npublished: 2026-11-20');
    const loader = new ArticleLoader(temp.content);
    const first = loader.load(site);
    const again = loader.load(site);
    assert.equal(first.parsed, 2);
    assert.equal(again.parsed, 0);
    assert.equal(again.articles[0], first.articles[0], 'an unchanged record is the very same object');
    temp.article('2026/11/a.md', 'title: A, corrected\npublished: 2026-11-20');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const changed = loader.load(site);
    assert.equal(changed.parsed, 1);
    assert.equal(changed.articles.find((article) => article.file.endsWith('a.md'))?.title, 'A, corrected');
  });

  it('ignores files that are not Markdown records and hidden folders', () => {
    temp.write('articles/2026/11/notes.txt', 'not a record');
    temp.write('articles/.drafts/x.md', 'not even valid');
    assert.deepEqual(problemsOf(), []);
  });
});
