import assert from 'node:assert/strict';
import { statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleLoader } from '../../src/content/load.js';
import { listRecords } from '../../src/content/record-list.js';
import { stampAt, surveyOnWorker } from '../../src/content/record-survey.js';
import { TempContent, testSite } from '../helpers/content.js';

describe('the records listed and stated on a thread of their own while the parse cache is read', () => {
  let temp: TempContent;
  const site = testSite();
  beforeEach(() => {
    temp = new TempContent();
    temp.article('2026/11/a.md', 'title: A\npublished: 2026-11-20');
    temp.article('2026/11/b.md', 'title: B\npublished: 2026-11-21');
    temp.article('2026/12/c.md', 'title: C\npublished: 2026-11-22');
    symlinkSync(join(temp.content, 'articles/2026/11/nowhere.md'), join(temp.content, 'articles/2026/12/dangling.md'));
  });
  afterEach(() => temp.remove());

  it('lists what a load lists, with the stamp of every file there, and leaves out a link to nothing', async () => {
    const survey = await surveyOnWorker(temp.content);
    assert.ok(survey);
    const listed = listRecords(temp.content);
    assert.deepEqual(survey.listing.folders, listed.folders);
    assert.deepEqual(survey.listing.files, ['articles/2026/11/a.md', 'articles/2026/11/b.md', 'articles/2026/12/c.md']);
    for (const [index, file] of survey.listing.files.entries()) {
      const { mtimeMs, size, ino } = statSync(join(temp.content, file));
      assert.deepEqual(stampAt(survey, index), { mtimeMs, size, ino });
    }
  });

  it('lets a loader take from memory the records whose stamps are unchanged, and read again the one that changed', async () => {
    const loader = new ArticleLoader(temp.content);
    loader.load(site);
    temp.article('2026/11/b.md', 'title: B, corrected\npublished: 2026-11-21');
    utimesSync(join(temp.content, 'articles/2026/11/b.md'), new Date(), new Date(Date.now() + 5_000));
    const survey = await surveyOnWorker(temp.content);
    assert.ok(survey);
    loader.useSurvey(survey);
    const loaded = loader.load(site);
    assert.equal(loaded.parsed, 1);
    assert.deepEqual(
      loaded.articles.map((article) => article.title),
      ['A', 'B, corrected', 'C'],
    );
  });

  it('answers nothing for a content folder it cannot list, so the loader lists it itself', async () => {
    assert.equal(await surveyOnWorker(join(temp.root, 'no such folder', '\0')), undefined);
  });
});
