import assert from 'node:assert/strict';
import { parseArticle } from '../../src/content/article.js';
import type { Article } from '../../src/content/types.js';
import { nextChangeByClock, nextRelease, planFeeds } from '../../src/model/plan.js';
import { windowsByClock } from '../../src/partners/plan.js';
import { record, testSite } from '../helpers/content.js';

const site = testSite();
const NOW = Date.parse('2026-11-26T12:00:00Z');

function article(slug: string, frontMatter: string): Article {
  const { article: parsed, problems } = parseArticle(
    record(`title: ${slug}\n${frontMatter}`),
    `articles/2026/11/${slug}.md`,
    site,
  );
  assert.ok(parsed, JSON.stringify(problems));
  return parsed;
}

describe('the next release', () => {
  it('is the soonest embargo to end after now, whatever the order of the records', () => {
    const articles = [
      article('later', 'published: "2026-11-26T12:00:09+00:00"'),
      article('past', 'published: "2026-11-26T11:00:00+00:00"'),
      article('soonest', 'published: "2026-11-26T12:00:05+00:00"'),
    ];
    assert.equal(nextRelease(articles, NOW), Date.parse('2026-11-26T12:00:05Z'));
  });

  it('counts a retraction dated ahead, and never a draft', () => {
    const articles = [
      article('draft', 'published: "2026-11-26T12:00:01+00:00"\nstatus: draft'),
      article(
        'withdrawn',
        'published: "2026-11-26T11:00:00+00:00"\nstatus: retracted\nretracted_at: "2026-11-26T12:00:03+00:00"\n' +
          'retraction_note: Withdrawn.',
      ),
    ];
    assert.equal(nextRelease(articles, NOW), Date.parse('2026-11-26T12:00:03Z'));
  });

  it('is none when nothing waits, and none for a moment that is now', () => {
    assert.equal(nextRelease([article('now', 'published: "2026-11-26T12:00:00+00:00"')], NOW), undefined);
    assert.equal(nextRelease([], NOW), undefined);
  });
});

describe('the next change by the clock', () => {
  const DAY = 86_400_000;

  it('is the soonest of a release, a kill notice ending and an age window closing', () => {
    const withdrawn = article(
      'withdrawn',
      'published: "2026-10-01T00:00:00+00:00"\nstatus: retracted\nretracted_at: "2026-11-20T00:00:00+00:00"\n' +
        'retraction_note: Withdrawn.',
    );
    const killEnds = Date.parse('2026-11-20T00:00:00Z') + 30 * DAY;
    assert.equal(nextChangeByClock([withdrawn], NOW, [30 * DAY]), killEnds);
    const embargoed = article('embargoed', 'published: "2026-12-01T00:00:00+00:00"');
    assert.equal(nextChangeByClock([withdrawn, embargoed], NOW, [30 * DAY]), Date.parse('2026-12-01T00:00:00Z'));
    const old = article('old', 'published: "2025-12-01T00:00:00+00:00"');
    assert.equal(nextChangeByClock([old], NOW, [365 * DAY]), Date.parse('2025-12-01T00:00:00Z') + 365 * DAY);
  });

  it('is none when every window has closed, and never counts a draft', () => {
    const draft = article('draft', 'published: "2026-12-01T00:00:00+00:00"\nstatus: draft');
    const old = article('old', 'published: "2020-01-01T00:00:00+00:00"');
    assert.equal(nextChangeByClock([draft, old], NOW, windowsByClock(30)), undefined);
  });

  it('takes the kill notice days and every partner profile age limit as windows', () => {
    assert.deepEqual(windowsByClock(7), [7 * DAY, 365 * DAY]);
  });
});

describe('the feeds planned', () => {
  it('hold an article once when it names one category or author twice, spelled two ways', () => {
    const twice = article(
      'twice',
      'published: 2026-11-20\ncategories: [Science, science]\nauthors: [José Díaz, Jose Diaz]',
    );
    const once = article('once', 'published: 2026-11-21\ncategories: [Science]\nauthors: [Jose Diaz]');
    const plans = planFeeds([twice, once], NOW, 50);
    for (const path of ['categories/science/', 'authors/jose-diaz/']) {
      const plan = plans.find((candidate) => candidate.path === path);
      assert.ok(plan, path);
      assert.deepEqual(
        plan.articles.map((planned) => planned.id),
        [once.id, twice.id],
        path,
      );
    }
  });
});
