import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempBuild } from '../helpers/build.js';
import { parseJsonFeed } from '../helpers/json-feed.js';
import { recordsById } from '../helpers/records.js';

describe('the JSON Feed', () => {
  let build: TempBuild;
  before(async () => {
    build = new TempBuild();
    await build.build();
  });
  after(() => build.remove());

  it('is version 1.1 with authors, language, feed_url and both dates of every item', () => {
    const feed = parseJsonFeed(readFileSync(join(build.out, 'feed.json'), 'utf8'));
    const records = recordsById(build.content);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.feed_url, 'https://news.test.example/feeds/feed.json');
    assert.equal(feed.language, 'en');
    assert.equal(feed.author, undefined, 'the 1.0 author field is not used');
    for (const item of feed.items) {
      const article = records.get(item.id)!;
      assert.equal(item.title, article.title);
      assert.equal(item.url, article.url);
      assert.equal(Date.parse(item.date_published), Math.floor(article.published / 1000) * 1000);
      assert.equal(Date.parse(item.date_modified), Math.floor((article.updated ?? article.published) / 1000) * 1000);
      assert.deepEqual(
        item.authors?.map((author) => author.name),
        article.authors.map((author) => author.name),
      );
      assert.equal(item.language, article.language);
      assert.deepEqual(item._courier.categories, article.categories);
      assert.equal(item._courier.label, article.label);
      assert.equal(item._courier.image?.credit, article.image?.credit);
      assert.equal(item.image, article.image?.url);
    }
  });
});
