import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Feed } from 'feed';
import { ImportSite, type BuiltItem } from './built.js';

/** Items as a newsroom on another generator would have published them, GUIDs of both kinds. */
const ITEMS = [
  {
    title: 'Ministers meet in Doha & agree a "timetable"',
    id: 'https://elsewhere.example/2026/11/doha-talks',
    link: 'https://elsewhere.example/2026/11/doha-talks',
    date: new Date('2026-11-18T08:05:00Z'),
    description: 'Foreign ministers agreed a timetable.',
    content: '<p>Foreign ministers met in <strong>Doha</strong>.</p>\n\n<p>They agreed a timetable.</p>',
    author: [{ name: 'Layla Haddad', email: 'layla@elsewhere.example' }],
    category: [{ name: 'World' }, { name: 'Middle East' }],
    image: 'https://elsewhere.example/images/doha.jpg',
  },
  {
    title: 'Markets steady as oil slips',
    id: 'urn:uuid:0b6c3a52-8a7e-4c1f-9d0e-2f4b6d8e1a3c',
    link: 'https://elsewhere.example/2026/11/markets',
    date: new Date('2026-11-23T16:40:00Z'),
    content: '<p>Gulf markets held steady on Monday.</p>',
    author: [{ name: 'Omar Said', email: 'omar@elsewhere.example' }],
    category: [{ name: 'Business' }],
  },
  {
    title: 'عيد الفطر في مسقط',
    id: 'https://elsewhere.example/ar/eid',
    link: 'https://elsewhere.example/ar/eid',
    date: new Date('2026-11-19T12:00:00Z'),
    content: '<p>احتفلت مسقط بالعيد.</p>',
    author: [{ name: 'Omar Said', email: 'omar@elsewhere.example' }],
    category: [{ name: 'Culture' }],
  },
];

/** The same three items as the `feed` package writes them in one format. */
function written(format: 'rss2' | 'atom1' | 'json1'): string {
  const feed = new Feed({
    title: 'Elsewhere News',
    id: 'https://elsewhere.example/',
    link: 'https://elsewhere.example/',
    copyright: '© Elsewhere',
    updated: new Date('2026-11-24T00:00:00Z'),
  });
  for (const item of ITEMS) feed.addItem({ ...item, guid: item.id, published: item.date });
  return feed[format]();
}

describe('courier import, on feeds written by the feed package (RSS, Atom and JSON Feed)', function () {
  this.timeout(60_000);

  for (const format of ['rss2', 'atom1', 'json1'] as const) {
    it(`imports its ${format} output, and the built feeds carry the same GUIDs, titles, dates, authors and categories`, async () => {
      const site = new ImportSite();
      try {
        const file = join(site.root, `source.${format === 'json1' ? 'json' : 'xml'}`);
        writeFileSync(file, written(format));
        const run = await site.import(file);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /courier import: 3 written, 0 replaced, 0 skipped, 0 failed/);
        const built = await site.build();
        for (const [builtFormat, items] of Object.entries(built)) {
          for (const source of ITEMS) {
            const item = items.find((candidate: BuiltItem) => candidate.id === source.id);
            assert.ok(item, `${format} → ${builtFormat}: no item with the GUID ${source.id}`);
            assert.equal(item.title, source.title);
            assert.equal(item.published, source.date.getTime());
            assert.deepEqual(
              item.authors,
              source.author.map((author) => author.name),
            );
            assert.deepEqual(
              item.categories,
              source.category.map((category) => category.name),
            );
          }
        }
        const doha = readFileSync(join(site.content, 'articles/2026/11/doha-talks.md'), 'utf8');
        assert.match(
          doha,
          /image: \{ url: "https:\/\/elsewhere\.example\/images\/doha\.jpg" \}/,
          'its type told by the URL',
        );
        assert.match(doha, /<p>Foreign ministers met in <strong>Doha<\/strong>\.<\/p>\n<p>They agreed/);
      } finally {
        site.remove();
      }
    });
  }
});
