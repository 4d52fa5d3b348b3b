import assert from 'node:assert/strict';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordParser } from '../../src/content/record-pool.js';
import { ContentReader } from '../../src/publish/content-reader.js';
import type { Article } from '../../src/content/types.js';
import { TempBuild } from '../helpers/build.js';

const OMAN = 'articles/2026/11/oman-talks.md';

describe("what an article adds to a feed's or an archive page's key", () => {
  let temp: TempBuild;
  let reader: ContentReader;
  const oman = async (): Promise<Article> => {
    const read = await reader.read();
    const article = read.site && read.articles.find((found) => found.file === OMAN);
    assert.ok(article, `${OMAN} is read`);
    return article;
  };

  beforeEach(() => {
    temp = new TempBuild();
    reader = new ContentReader(temp.content);
  });
  afterEach(() => temp.remove());

  it('is the file and its stamp for the very record the loader parsed, the same while the file is unchanged', async () => {
    const first = await oman();
    const part = reader.keyPartOf(first);
    const { ino, size, mtimeMs } = statSync(join(temp.content, OMAN));
    assert.equal(part, `${OMAN}\n${ino}/${size}/${mtimeMs}\n`);
    assert.equal(reader.keyPartOf(await oman()), part);
  });

  it('changes when the file is saved again, even with the same text', async () => {
    const part = reader.keyPartOf(await oman());
    const path = join(temp.content, OMAN);
    writeFileSync(path, readFileSync(path));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    assert.notEqual(reader.keyPartOf(await oman()), part);
  });

  it('holds the whole record for a version the loader did not parse from the file as it is (a last good one kept)', async () => {
    const kept: Article = { ...(await oman()), title: 'An earlier headline' };
    const part = reader.keyPartOf(kept);
    assert.ok(part.includes('"title":"An earlier headline"'), part);
    assert.notEqual(part, reader.keyPartOf({ ...kept, title: 'Another earlier headline' }));
  });
});

describe('a new process that lists and stats the records on a thread of its own while it reads the parse cache', () => {
  let temp: TempBuild;
  const newReader = () =>
    new ContentReader(
      temp.content,
      { file: join(temp.root, 'parse-cache.json'), version: '1.0.0', surveyFrom: 0 },
      new RecordParser(temp.content),
    );
  beforeEach(async () => {
    temp = new TempBuild();
    const first = newReader();
    await first.read();
    await first.saveCache();
  });
  afterEach(() => temp.remove());

  it('reads the records an earlier process parsed, parsing none, and the one saved since again', async () => {
    const unchanged = await newReader().read();
    assert.ok(unchanged.site);
    assert.equal(unchanged.parsed, 0);
    const path = join(temp.content, OMAN);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: "Oman talks, corrected"'));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const changed = await newReader().read();
    assert.ok(changed.site);
    assert.equal(changed.parsed, 1);
    assert.deepEqual(
      changed.articles.map((article) => article.file),
      unchanged.articles.map((article) => article.file),
    );
    assert.equal(changed.articles.find((article) => article.file === OMAN)?.title, 'Oman talks, corrected');
  });
});
