import assert from 'node:assert/strict';
import { Feed } from 'feed';
import { parseStringPromise } from 'xml2js';
import { feedModel } from '../../src/model/feed-model.js';
import { planFeeds } from '../../src/model/plan.js';
import { ItemMaker } from '../../src/model/item.js';
import { renderRss } from '../../src/render/rss.js';
import { ArticleLoader } from '../../src/content/load.js';
import { GOLDEN_CONTENT, GOLDEN_NOW } from '../helpers/build.js';
import { testSite } from '../helpers/content.js';
import { bodyReader } from '../helpers/records.js';

type Node = Record<string, unknown[]>;
const text = (node: unknown): string => (typeof node === 'string' ? node : String((node as { _?: string })._ ?? ''));

/** What both serializers must agree on for each item: feed is the independent reference. */
const shared = (item: Node) => ({
  title: text(item.title?.[0]),
  link: text(item.link?.[0]),
  guid: text(item.guid?.[0]),
  pubDate: Date.parse(text(item.pubDate?.[0])),
  content: text(item['content:encoded']?.[0]),
});

describe('our RSS, next to the feed package given the same plain items', () => {
  it('agrees on every title, link, GUID, date and content', async () => {
    const site = testSite();
    const { articles } = new ArticleLoader(GOLDEN_CONTENT).load(site);
    const plain = articles.filter((article) => !/hostile|long-title/.test(article.file));
    const [plan] = planFeeds(plain, GOLDEN_NOW, 50);
    const model = feedModel(plan!, site, new ItemMaker(bodyReader(GOLDEN_CONTENT)));
    const reference = new Feed({
      title: model.title,
      id: model.id,
      link: model.homeUrl,
      copyright: model.copyright,
      updated: new Date(model.updated!),
    });
    for (const item of model.items) {
      reference.addItem({
        title: item.title,
        id: item.id,
        guid: item.id,
        link: item.url,
        date: new Date(item.published),
        content: item.contentHtml,
      });
    }
    const ours = await parseStringPromise(renderRss(model, { selfUrl: `${model.folderUrl}rss.xml` }).toString());
    const theirs = await parseStringPromise(reference.rss2());
    const items = (document: { rss: { channel: Array<{ item: Node[] }> } }) =>
      document.rss.channel[0]!.item.map(shared);
    assert.ok(model.items.length >= 3);
    assert.deepEqual(items(ours), items(theirs));
  });
});
