import assert from 'node:assert/strict';
import { Feed } from 'feed';
import { feedModel } from '../../src/model/feed-model.js';
import { planFeeds } from '../../src/model/plan.js';
import { ItemMaker } from '../../src/model/item.js';
import { renderRss } from '../../src/render/rss.js';
import { ArticleLoader } from '../../src/content/load.js';
import { GOLDEN_CONTENT, GOLDEN_NOW } from '../helpers/build.js';
import { testSite } from '../helpers/content.js';
import { bodyReader } from '../helpers/records.js';
import { elements, firstText, parseXml, root, type XmlElement } from '../helpers/xml.js';

const text = (children: unknown): string => firstText(children) ?? '';

/** What both serializers must agree on for each item: feed is the independent reference. */
const shared = (item: XmlElement) => ({
  title: text(item.title),
  link: text(item.link),
  guid: text(item.guid),
  pubDate: Date.parse(text(item.pubDate)),
  content: text(item['content:encoded']),
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
    const ours = await parseXml(renderRss(model, { selfUrl: `${model.folderUrl}rss.xml` }).toString());
    const theirs = await parseXml(reference.rss2());
    const items = (document: XmlElement) => elements(elements(root(document, 'rss')!.channel)[0]!.item).map(shared);
    assert.ok(model.items.length >= 3);
    assert.deepEqual(items(ours), items(theirs));
  });
});
