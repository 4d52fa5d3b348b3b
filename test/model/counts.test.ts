import assert from 'node:assert/strict';
import { parseArticle } from '../../src/content/article.js';
import type { Article } from '../../src/content/types.js';
import { articleCounts } from '../../src/model/counts.js';
import { planFeeds } from '../../src/model/plan.js';
import { record, testSite } from '../helpers/content.js';

const site = testSite();

function article(n: number, categories: string, authors: string): Article {
  const day = String(n).padStart(2, '0');
  const front = `title: Story ${n}\npublished: 2026-11-${day}\ncategories: [${categories}]\nauthors: [${authors}]`;
  const { article: parsed, problems } = parseArticle(record(front), `articles/2026/11/story-${n}.md`, site);
  assert.ok(parsed, JSON.stringify(problems));
  return parsed;
}

describe('the article counts of the index page', () => {
  const articles = [
    article(1, 'World, Middle East', 'Nasrin Karimi'),
    article(2, 'World, world', 'Nasrin Karimi, Jonas Berg'),
    article(3, 'Business', 'Jonas Berg'),
  ];

  it('count every public article of a feed, beyond the newest items_per_feed its file holds', () => {
    const counts = articleCounts(articles);
    const plans = planFeeds(articles, Date.parse('2026-12-01T00:00:00Z'), 1);
    assert.deepEqual(
      plans.map((plan) => `${plan.path} ${plan.articles.length} of ${counts.get(plan.path)}`),
      [
        ' 1 of 3',
        'categories/business/ 1 of 1',
        'categories/middle-east/ 1 of 1',
        'categories/world/ 1 of 2',
        'authors/jonas-berg/ 1 of 2',
        'authors/nasrin-karimi/ 1 of 2',
      ],
    );
  });

  it('count an article once in a feed that two of its names share', () => {
    assert.equal(articleCounts([articles[1]!]).get('categories/world/'), 1);
  });
});
