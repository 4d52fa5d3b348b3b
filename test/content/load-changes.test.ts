import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleLoader } from '../../src/content/load.js';
import { TempContent, testSite } from '../helpers/content.js';

/** Moves a file's mtime ahead, so that a look at it tells it changed even within the same millisecond. */
function touchAhead(path: string, seconds = 5): void {
  utimesSync(path, new Date(), new Date(Date.now() + seconds * 1000));
}

describe('the article loader, told which files changed', () => {
  let temp: TempContent;
  const site = testSite();
  const titles = (loaded: { articles: ReadonlyArray<{ title: string }> }) =>
    loaded.articles.map((article) => article.title).sort();
  beforeEach(() => {
    temp = new TempContent();
    temp.article('2026/11/a.md', 'title: A\npublished: 2026-11-20');
    temp.article('2026/11/b.md', 'title: B\npublished: 2026-11-20');
  });
  afterEach(() => temp.remove());

  it('gives back the very same records when told that nothing changed, and reads no file', () => {
    const loader = new ArticleLoader(temp.content);
    const first = loader.load(site);
    rmSync(join(temp.content, 'articles'), { recursive: true });
    const again = loader.load(site, undefined, []);
    assert.equal(again.articles, first.articles, 'the same array of the same records');
    assert.equal(again.problems, first.problems);
    assert.equal(again.parsed, 0);
    assert.equal(again.changed, false);
  });

  it('looks at the files named alone: a change to another is seen only by a look at every file', () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    touchAhead(temp.article('2026/11/a.md', 'title: A, unseen\npublished: 2026-11-20'));
    touchAhead(temp.article('2026/11/b.md', 'title: B, corrected\npublished: 2026-11-20'));
    const named = loader.load(site, undefined, ['articles/2026/11/b.md']);
    assert.deepEqual(titles(named), ['A', 'B, corrected']);
    assert.equal(named.parsed, 1);
    assert.deepEqual(titles(loader.load(site)), ['A, unseen', 'B, corrected']);
  });

  it('takes a new record in a folder it has walked, leaves out one deleted, and keeps the order of a walk', () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    temp.article('2026/11/0-first.md', 'title: First by name\npublished: 2026-11-20');
    rmSync(join(temp.content, 'articles/2026/11/b.md'));
    const named = loader.load(site, undefined, ['articles/2026/11/0-first.md', 'articles/2026/11/b.md']);
    const walked = new ArticleLoader(temp.content).load(site);
    assert.deepEqual(
      named.articles.map((article) => article.file),
      walked.articles.map((article) => article.file),
    );
    assert.deepEqual(titles(named), ['A', 'First by name']);
  });

  it('looks at every file when a record named is in a folder it never walked', () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    touchAhead(temp.article('2026/11/a.md', 'title: A, corrected meanwhile\npublished: 2026-11-20'));
    temp.article('2026/12/c.md', 'title: C\npublished: 2026-12-01');
    const named = loader.load(site, undefined, ['articles/2026/12/c.md']);
    assert.deepEqual(titles(named), ['A, corrected meanwhile', 'B', 'C']);
  });

  it('never takes a record twice through a second link to a folder it walked', () => {
    mkdirSync(join(temp.content, 'articles/2025'));
    symlinkSync(join(temp.content, 'articles/2026/11'), join(temp.content, 'articles/2025/also-11'));
    const loader = new ArticleLoader(temp.content);
    assert.deepEqual(titles(loader.load(site)), ['A', 'B']);
    const named = loader.load(site, undefined, ['articles/2026/11/a.md', 'articles/2025/also-11/a.md']);
    assert.deepEqual(titles(named), ['A', 'B']);
    assert.deepEqual(named.problems, []);
  });

  it('ignores files named that are not records: site settings, hidden files, other folders', () => {
    const loader = new ArticleLoader(temp.content);
    const first = loader.load(site);
    const again = loader.load(site, undefined, [
      'site.yaml',
      'partners.yaml',
      'articles/2026/11/.a.md.swp',
      'notes.md',
    ]);
    assert.equal(again.articles, first.articles);
  });

  it('looks at everything again for other site settings, whatever it is told', () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    touchAhead(temp.article('2026/11/a.md', 'title: A, corrected\npublished: 2026-11-20'));
    assert.deepEqual(titles(loader.load(testSite(), undefined, [])), ['A, corrected', 'B']);
  });

  it('keeps what it was told until a load looks at it: a note during a build counts for the next', () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    touchAhead(temp.article('2026/11/a.md', 'title: A, corrected\npublished: 2026-11-20'));
    loader.note(['articles/2026/11/a.md']);
    assert.deepEqual(titles(loader.load(site, undefined, [])), ['A, corrected', 'B']);
    loader.note('unknown');
    touchAhead(temp.article('2026/11/b.md', 'title: B, corrected\npublished: 2026-11-20'));
    assert.deepEqual(titles(loader.load(site, undefined, [])), ['A, corrected', 'B, corrected']);
  });
});
