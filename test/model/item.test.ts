import assert from 'node:assert/strict';
import { parseArticle } from '../../src/content/article.js';
import { BodyPool } from '../../src/content/body-pool.js';
import type { Article } from '../../src/content/types.js';
import { ItemMaker } from '../../src/model/item.js';
import { record, testSite } from '../helpers/content.js';

const site = testSite();

function article(frontMatter: string): Article {
  const { article: parsed, problems } = parseArticle(record(frontMatter), 'articles/2026/11/embeds.md', site);
  assert.ok(parsed, JSON.stringify(problems));
  return parsed;
}

const BODY = `Markdown [link](../earlier/) first.

<div class="embed"><a href="/world/"><img src="maps/muscat.png" alt="Map" width="800" height="600"></a></div>

<script src="https://evil.example/track.js"></script>
<p onclick="steal()">Click <a href="javascript:steal()">here</a>.</p>

<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315" allowfullscreen></iframe>
<iframe src="https://ads.example/frame"></iframe>
`;

describe('an item made from an article whose body holds raw HTML', () => {
  const story = article(
    'title: Embeds\npublished: 2026-11-26\nlabel: Analysis\nimage:\n  url: /images/lead.jpg\n  caption: Lead',
  );
  const { item } = new ItemMaker(() => BODY).make(story);

  it('has every link and image absolute, those of the raw HTML included', () => {
    const urls = [...item.contentHtml.matchAll(/(?:href|src)="([^"]*)"/g)].map(([, url]) => url);
    assert.deepEqual(urls, [
      'https://news.test.example/images/lead.jpg',
      'https://news.test.example/2026/11/earlier/',
      'https://news.test.example/world/',
      'https://news.test.example/2026/11/embeds/maps/muscat.png',
      'https://www.youtube.com/embed/abc123',
    ]);
  });

  it("carries no script, handler or javascript: URL, and only the video host's iframe", () => {
    assert.doesNotMatch(item.contentHtml, /<script|onclick|javascript:|ads\.example|evil\.example/);
    assert.match(item.contentHtml, /<p>Click <a>here<\/a>\.<\/p>/);
    assert.equal(item.contentHtml.match(/<iframe/g)?.length, 1);
  });

  it('still starts with the disclosure and the lead figure, as made by the model', () => {
    assert.ok(item.contentHtml.startsWith('<p><strong>Analysis</strong></p>\n<figure><img src='));
    assert.match(item.contentHtml, /<figcaption>Lead<\/figcaption><\/figure>\n<p>Markdown/);
  });
});

describe('items prepared through a body pool, this thread rendering beside its worker', () => {
  it('are the items made one by one', async () => {
    const stories = Array.from({ length: 30 }, (_, index) =>
      article(`title: Story ${index}\npublished: 2026-11-${String((index % 28) + 1).padStart(2, '0')}`),
    );
    const pool = new BodyPool({ threads: 1, batchSize: 2, workersFrom: 1 });
    try {
      const maker = new ItemMaker(() => BODY, { renderer: pool });
      await maker.whileWaiting(maker.prepare(stories));
      const alone = new ItemMaker(() => BODY);
      assert.deepEqual(
        stories.map((story) => maker.make(story)),
        stories.map((story) => alone.make(story)),
      );
    } finally {
      await pool.close();
    }
  });
});
