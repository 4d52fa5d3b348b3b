import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { articleBody, parseArticle } from '../../src/content/article.js';
import { renderBody } from '../../src/content/markdown.js';
import { parseSite } from '../../src/content/site.js';
import { FIXTURES } from '../helpers/paths.js';
import { ImportSite } from './built.js';

/**
 * What a fixture says it must become, in YAML after "expect:" in its leading comment: the format read, how
 * many items were written, skipped and failed, notes about the source, and each record (its fields, a piece
 * of its Markdown body, pieces its rendered HTML must and must not hold, and the fields it has notes on).
 */
interface Expected {
  format: string;
  outcomes: { written?: number; failed?: number; skipped?: number };
  source_notes?: string[];
  records: Array<{
    file: string;
    id: string;
    title: string;
    published: string;
    status?: string;
    authors?: Array<{ name: string; email?: string }>;
    categories?: string[];
    tags?: string[];
    url?: string;
    image?: Record<string, unknown>;
    summary?: string;
    body?: string;
    body_html?: string;
    body_html_also?: string[];
    body_not?: string[];
    notes?: string[];
  }>;
}

const DIR = join(FIXTURES, 'import');

function expectationOf(text: string, name: string): Expected {
  const block = /<!--[\s\S]*?^expect:\n([\s\S]*?)-->/m.exec(text)?.[1];
  if (block === undefined) throw new Error(`${name} states no "expect:" in its leading comment`);
  return (parse(`expect:\n${block}`) as { expect: Expected }).expect;
}

describe('courier import, on the files other generators write (test/fixtures/import/)', function () {
  this.timeout(60_000);
  const fixtures = readdirSync(DIR).filter((name) => /\.(xml|json)$/.test(name));

  it('finds the fixtures', () => {
    assert.ok(fixtures.length >= 3, `only ${fixtures.length} fixtures in ${DIR}`);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const expected = expectationOf(readFileSync(join(DIR, name), 'utf8'), name);
      let site: ImportSite;
      let stdout = '';
      let status = -1;
      before(async () => {
        site = new ImportSite();
        ({ stdout, status } = await site.import(join(DIR, name)));
      });
      after(() => site.remove());

      it(`is read as ${expected.format}, with the items written, skipped and failed that it states`, () => {
        assert.equal(status, expected.outcomes.failed ? 1 : 0, stdout);
        assert.match(stdout, new RegExp(`^${expected.format.replace(/[()]/g, '\\$&')}`));
        const { written = 0, failed = 0, skipped = 0 } = expected.outcomes;
        assert.match(stdout, new RegExp(`courier import: ${written} written.*, ${skipped} skipped, ${failed} failed`));
        for (const note of expected.source_notes ?? [])
          assert.ok(stdout.includes(`source: ${note}`), `${note}\n${stdout}`);
      });

      for (const record of expected.records) {
        it(`writes ${record.file} with the item's id, dates, authors, categories, image and body`, () => {
          const text = readFileSync(join(site.content, record.file), 'utf8');
          const siteSettings = parseSite(readFileSync(join(site.content, 'site.yaml'), 'utf8'), 'site.yaml').site!;
          const { article, problems } = parseArticle(text, record.file, siteSettings);
          assert.deepEqual(problems, []);
          assert.ok(article);
          assert.equal(article.id, record.id);
          assert.equal(article.title, record.title);
          assert.equal(
            article.published,
            Date.parse(record.published),
            `published ${new Date(article.published).toISOString()}`,
          );
          assert.equal(article.status, record.status ?? 'published');
          if (record.authors) assert.deepEqual(article.authors, record.authors);
          if (record.categories) assert.deepEqual(article.categories, record.categories);
          if (record.tags) assert.deepEqual(article.tags, record.tags);
          if (record.url) assert.equal(article.url, record.url);
          if (record.image)
            assert.deepEqual({ ...article.image, type: undefined }, { type: undefined, ...record.image });
          if (record.summary) assert.ok(article.summary?.startsWith(record.summary), article.summary);
          const body = articleBody(text);
          if (record.body) assert.ok(body.includes(record.body), body);
          const html = renderBody(body, article.url).html;
          for (const piece of [record.body_html ?? '', ...(record.body_html_also ?? [])]) {
            assert.ok(html.includes(piece), `${piece} not in ${html}`);
          }
          for (const unwanted of record.body_not ?? []) assert.ok(!html.includes(unwanted), `${unwanted} in ${html}`);
          const block = stdout.split(/\n(?=\S)/).find((lines) => lines.includes(` ${record.file} `)) ?? '';
          const noted = [...block.matchAll(/^ {2}note: ([^:]+):/gm)].map((match) => match[1]);
          for (const field of record.notes ?? []) assert.ok(noted.includes(field), `no note on ${field}:\n${block}`);
        });
      }

      it('builds feeds whose items carry the source GUIDs, titles, dates, authors and categories', async () => {
        const built = await site.build();
        const published = expected.records.filter((record) => (record.status ?? 'published') === 'published');
        for (const [format, items] of Object.entries(built)) {
          for (const record of published) {
            const item = items.find((candidate) => candidate.id === record.id);
            assert.ok(item, `${format}: no item with the id ${record.id}`);
            assert.equal(item.title, record.title, format);
            assert.equal(item.published, Date.parse(record.published), format);
            if (record.authors)
              assert.deepEqual(
                item.authors,
                record.authors.map((author) => author.name),
                format,
              );
            if (record.categories) assert.deepEqual(item.categories, record.categories, format);
          }
          const drafts = expected.records.filter((record) => record.status === 'draft').map((record) => record.id);
          assert.deepEqual(
            items.filter((item) => drafts.includes(item.id)),
            [],
            `${format}: a draft is in the feed`,
          );
        }
      });
    });
  }
});
