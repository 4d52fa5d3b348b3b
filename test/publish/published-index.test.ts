import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishedRecord, type PublishedArticle, type PublishedIndex } from '../../src/publish/published-index.js';
import type { Article } from '../../src/content/types.js';

const FILE = 'published.json';

const article = (id: string, title: string): Article =>
  ({ id, file: `articles/${id}.md`, title, published: 1_700_000_000_000, status: 'published' }) as unknown as Article;

function indexOf(...entries: Array<[string, string, boolean]>): PublishedIndex {
  return new Map(
    entries.map(([id, title, whole]): [string, PublishedArticle] => {
      const record = article(id, title);
      const { file, published } = record;
      return [id, { id, file, title, published, public: true, ...(whole && { article: record }) }];
    }),
  );
}

describe('the record of what the last build published', () => {
  let state: string;
  const stampOf = () => {
    const { ino, mtimeMs } = statSync(join(state, FILE));
    return `${ino}/${mtimeMs}`;
  };

  beforeEach(() => {
    state = mkdtempSync(join(tmpdir(), 'courier-published-'));
  });
  afterEach(() => rmSync(state, { recursive: true, force: true }));

  it('is not written again by a new process whose index says the same, made of other objects', async () => {
    await new PublishedRecord(state).write(indexOf(['a', 'One', true], ['b', 'Two', false]));
    const before = stampOf();
    const next = new PublishedRecord(state);
    assert.ok(await next.read());
    await next.write(indexOf(['a', 'One', true], ['b', 'Two', false]));
    assert.equal(stampOf(), before);
  });

  it('is written again when a title, a kept record or the set of articles changed', async () => {
    const changes = [
      indexOf(['a', 'One, corrected', true], ['b', 'Two', false]),
      indexOf(['a', 'One', true], ['b', 'Two', true]),
      indexOf(['a', 'One', true]),
    ];
    for (const changed of changes) {
      await new PublishedRecord(state).write(indexOf(['a', 'One', true], ['b', 'Two', false]));
      const next = new PublishedRecord(state);
      await next.read();
      await next.write(changed);
      const written = JSON.parse(readFileSync(join(state, FILE), 'utf8')) as { articles: unknown[] };
      assert.deepEqual(written.articles, [...changed.values()]);
    }
  });

  it('is written by the next build when writing it failed, for the very index that failed', async () => {
    const record = new PublishedRecord(state);
    await record.write(indexOf(['a', 'One', true]));
    const next = indexOf(['a', 'One', true], ['b', 'Two', true]);
    rmSync(state, { recursive: true, force: true });
    writeFileSync(state, 'a file where the state folder was');
    await assert.rejects(record.write(next));
    rmSync(state);
    mkdirSync(state);
    await record.write(next);
    const written = JSON.parse(readFileSync(join(state, FILE), 'utf8')) as { articles: unknown[] };
    assert.deepEqual(written.articles, [...next.values()]);
  });
});
