import assert from 'node:assert/strict';
import { ArticleLoader } from '../../src/content/load.js';
import { RecordParser } from '../../src/content/record-pool.js';
import { TempContent, testSite } from '../helpers/content.js';

describe('records parsed on a worker thread while the loader parses others', function () {
  this.timeout(60_000);
  let temp: TempContent;
  const site = testSite();
  before(() => {
    temp = new TempContent();
    for (let i = 0; i < 2400; i += 1) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const hostile = i % 7 === 0 ? '\ncategories: ["Ünïcode & <Co>", "شرق"]' : '';
      temp.article(
        `2026/${String((i % 12) + 1).padStart(2, '0')}/s${i}.md`,
        `title: "Story ${i} ]]> &"\npublished: 2026-11-${day}${hostile}`,
      );
    }
    temp.article('2026/01/broken.md', 'title: [unclosed\npublished: 2026-11-20');
    temp.article('2026/12/dup-a.md', 'title: A\npublished: 2026-11-20\nid: same');
    temp.article('2026/12/dup-b.md', 'title: B\npublished: 2026-11-20\nid: same');
  });
  after(() => temp.remove());

  it('gives the very records, problems and order that a load on one thread gives', async () => {
    const alone = new ArticleLoader(temp.content).load(site);
    const shared = await new ArticleLoader(temp.content, new RecordParser(temp.content)).loadInSlices(
      site,
      () => undefined,
    );
    assert.equal(shared.parsed, 2403);
    assert.deepEqual(shared.articles, alone.articles);
    assert.deepEqual(shared.problems, alone.problems);
    assert.ok(alone.problems.some((problem) => problem.file === 'articles/2026/01/broken.md'));
  });

  it('keeps what it parsed for the next load, which reads no record again', async () => {
    const loader = new ArticleLoader(temp.content, new RecordParser(temp.content));
    await loader.loadInSlices(site, () => undefined);
    const again = await loader.loadInSlices(site, () => undefined);
    assert.equal(again.parsed, 0);
  });
});
