import assert from 'node:assert/strict';
import { formatProblem } from '../../src/content/problem.js';
import { parseSite } from '../../src/content/site.js';
import { SITE_YAML } from '../helpers/content.js';

describe('the site settings', () => {
  it('are read with their defaults', () => {
    const { site } = parseSite(
      'title: T\ndescription: D\nbase_url: https://a.example\nfeeds_url: https://a.example/feeds\nid_authority: a.example,2026\n',
      'site.yaml',
    );
    assert.equal(site?.baseUrl, 'https://a.example/');
    assert.equal(site.feedsUrl, 'https://a.example/feeds/');
    assert.equal(site.itemsPerFeed, 50);
    assert.equal(site.archives, true);
    assert.equal(site.timeZone, 'UTC');
    assert.deepEqual(site.defaultAuthor, { name: 'Newsroom' });
  });

  it('report every problem at once, each naming its key', () => {
    const yaml = SITE_YAML.replace('time_zone: Asia/Muscat', 'time_zone: Mars/Olympus')
      .replace('items_per_feed: 50', 'items_per_feed: lots')
      .replace('base_url: https://news.test.example/', 'base_url: news.test.example');
    const { site, problems } = parseSite(`${yaml}archives: sometimes\ncolour: blue\n`, 'site.yaml');
    assert.equal(site, undefined);
    assert.deepEqual(problems.map(formatProblem), [
      'site.yaml: base_url: expected an absolute http or https URL, found "news.test.example"',
      'site.yaml: time_zone: expected an IANA time zone such as "Asia/Muscat" or "UTC", found "Mars/Olympus"',
      'site.yaml: items_per_feed: expected a whole number from 1 to 1000, found "lots"',
      'site.yaml: archives: expected true or false, found "sometimes"',
      'site.yaml: colour: unknown field; expected one of title, description, base_url, feeds_url, language, time_zone, copyright, default_author, article_url, items_per_feed, id_authority, kill_notice_days, redirects, archives',
    ]);
  });
});
