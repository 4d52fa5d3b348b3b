import assert from 'node:assert/strict';
import { formatProblem } from '../../src/content/problem.js';
import { DEFAULT_REDIRECTS, FEED_TARGET } from '../../src/content/redirects.js';
import { parseSite } from '../../src/content/site.js';
import { FEED_FORMATS } from '../../src/render/formats.js';
import { SITE_YAML } from '../helpers/content.js';

describe('the redirects of old feed addresses in site.yaml', () => {
  it('are the defaults when site.yaml says nothing, and none with redirects: false', () => {
    assert.deepEqual(parseSite(SITE_YAML, 'site.yaml').site?.redirects, DEFAULT_REDIRECTS);
    assert.deepEqual(parseSite(`${SITE_YAML}redirects: false\n`, 'site.yaml').site?.redirects, []);
    const froms = DEFAULT_REDIRECTS.map((redirect) => redirect.from);
    for (const path of ['/feed/', '/rss/', '/atom.xml', '/index.xml', '/feed.json'])
      assert.ok(froms.includes(path), path);
  });

  it('take feed paths relative to feeds_url, or absolute URLs under it', () => {
    const yaml = `${SITE_YAML}redirects:\n  /feed/: rss.xml\n  /blog/atom: https://news.test.example/feeds/categories/world/atom.xml\n`;
    assert.deepEqual(parseSite(yaml, 'site.yaml').site?.redirects, [
      { from: '/feed/', to: 'rss.xml' },
      { from: '/blog/atom', to: 'categories/world/atom.xml' },
    ]);
  });

  it('are refused, each with a problem naming the file and the field, when they are no old path or no Courier feed', () => {
    const yaml =
      `${SITE_YAML}redirects:\n  /feed/: https://elsewhere.example/rss\n  /feeds/rss.xml: atom.xml\n` +
      '  feed.xml: rss.xml\n  /rss: categories/world/\n';
    const { site, problems } = parseSite(yaml, 'site.yaml');
    assert.equal(site, undefined);
    assert.deepEqual(problems.map(formatProblem), [
      'site.yaml: redirects./feed/: expected a Courier feed such as rss.xml or categories/world/atom.xml, found "https://elsewhere.example/rss"',
      'site.yaml: redirects./feeds/rss.xml: expected an old path such as /feed/ (not /, /feeds/…, /partners/…, /healthz)',
      'site.yaml: redirects.feed.xml: expected an old path such as /feed/ (not /, /feeds/…, /partners/…, /healthz)',
      'site.yaml: redirects./rss: expected a Courier feed such as rss.xml or categories/world/atom.xml, found "categories/world/"',
    ]);
    const list = parseSite(`${SITE_YAML}redirects: [/feed/]\n`, 'site.yaml');
    assert.deepEqual(list.problems.map(formatProblem), [
      'site.yaml: redirects: expected true, false or a mapping of old paths to feeds, found a list of 1',
    ]);
  });

  it("accept as targets exactly the feed files of the formats' registry", () => {
    for (const format of FEED_FORMATS) {
      for (const folder of ['', 'categories/world/', 'authors/jane-doe/']) {
        assert.ok(FEED_TARGET.test(`${folder}${format.file}`), `${folder}${format.file}`);
      }
    }
    for (const other of ['index.opml', 'tags/x/rss.xml', '../rss.xml', 'rss.xml?x=1'])
      assert.ok(!FEED_TARGET.test(other), other);
  });
});
