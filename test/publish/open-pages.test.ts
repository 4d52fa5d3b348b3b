import assert from 'node:assert/strict';
import { parseArticle } from '../../src/content/article.js';
import type { Article } from '../../src/content/types.js';
import { ItemMaker } from '../../src/model/item.js';
import { planFeeds } from '../../src/model/plan.js';
import { OpenPages, type FeedPages } from '../../src/publish/open-pages.js';
import { record, testSite } from '../helpers/content.js';

const site = testSite();

function article(day: number): Article {
  const file = `articles/2026/11/day-${day}.md`;
  const frontMatter = `title: Day ${day}\npublished: 2026-11-${String(day).padStart(2, '0')}\ncategories: [World]`;
  const { article: parsed, problems } = parseArticle(record(frontMatter), file, site);
  assert.ok(parsed, JSON.stringify(problems));
  return parsed;
}

describe('the pages an archive sweep has still to make', () => {
  // Days 1 to 5; the live feeds show the newest two (days 4 and 5), the pages hold the older ones.
  const [day1, day2, day3, day4, day5] = [1, 2, 3, 4, 5].map(article) as [Article, Article, Article, Article, Article];
  const plans = planFeeds([day1, day2, day3, day4, day5], Date.parse('2026-12-01'), 2);
  const sitePlan = plans.find((plan) => plan.kind === 'site')!;
  const worldPlan = plans.find((plan) => plan.kind === 'category')!;
  const feeds = (): FeedPages[] => [
    {
      plan: sitePlan,
      pages: [
        { key: 'p1', articles: [day2, day1] },
        { key: 'p2', articles: [day4, day3] },
      ],
      made: [],
    },
    { plan: worldPlan, pages: [{ key: 'p1', articles: [day3, day2, day1] }], made: [] },
  ];

  it("lists every article a page holds, oldest first, the live feeds' own among them", () => {
    assert.deepEqual(new OpenPages(feeds(), plans).articles(), [day1, day2, day3, day4]);
  });

  it('has a page ready once the last of its articles is made, and not before', () => {
    const open = new OpenPages(feeds(), plans);
    assert.deepEqual(open.completedBy(day1), []);
    assert.deepEqual(
      open.completedBy(day2).map((page) => page.page.key),
      ['p1'],
      "the site feed's first page; the category's waits for day 3",
    );
    const ready = open.completedBy(day3);
    assert.deepEqual(
      ready.map((page) => page.feed.plan.kind),
      ['category'],
      "the category's page; the site feed's second waits for day 4",
    );
  });

  it('leaves out the pages already made', () => {
    const [siteFeed, worldFeed] = feeds() as [FeedPages, FeedPages];
    siteFeed.made.push({
      site,
      name: undefined,
      articles: [day2, day1],
      prev: undefined,
      key: 'k',
      folder: 'archive/p1/x/',
      files: [],
    });
    const open = new OpenPages([siteFeed, worldFeed], plans);
    assert.deepEqual(
      open.completedBy(day2).map((page) => page.page.key),
      [],
      "only the category's page holds day 2 now, and it waits for day 1 and day 3",
    );
  });

  it('lets go of an item once every page holding it is made, but never of one a live feed shows', () => {
    const items = new ItemMaker(() => 'A paragraph.');
    const made = new Map([day1, day2, day3, day4].map((day) => [day, items.make(day)]));
    const open = new OpenPages(feeds(), plans);
    const kept = (day: Article) => items.make(day) === made.get(day);
    for (const page of [...open.completedBy(day1), ...open.completedBy(day2)]) open.made(page, items);
    assert.ok(kept(day1) && kept(day2), "the category's page still holds days 1 and 2");
    for (const page of [...open.completedBy(day3), ...open.completedBy(day4)]) open.made(page, items);
    assert.ok(!kept(day1) && !kept(day2) && !kept(day3), 'every page holding days 1 to 3 is made');
    assert.ok(kept(day4), 'day 4 is in the live category feed, which renders next');
  });
});
