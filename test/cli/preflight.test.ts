import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_NOW, TempBuild } from '../helpers/build.js';
import { FIXTURES } from '../helpers/paths.js';
import { courier } from './courier.js';

interface JsonFinding {
  level: string;
  rule: string;
  file: string | null;
  feed: string | null;
  found: unknown;
  source: { title: string; url: string; section: string };
}
interface JsonPreflight {
  schema: string;
  partner: string;
  profile: string;
  items: number;
  counts: { reject: number; warn: number; near: number };
  findings: JsonFinding[];
}

describe('courier check --partner, the preflight', () => {
  let build: TempBuild;
  beforeEach(() => {
    build = new TempBuild(join(FIXTURES, 'partner-limits'));
  });
  afterEach(() => build.remove());
  const article = (name: string, front: string, body = 'A paragraph.') =>
    writeFileSync(join(build.content, 'articles/2026/11', `${name}.md`), `---\n${front}\n---\n\n${body}\n`);
  const preflight = async (partner: string) => {
    const run = await courier(['check', '--partner', partner, '--json', '--content', build.content]);
    return { status: run.status, report: JSON.parse(run.stdout) as JsonPreflight };
  };
  const findings = (report: JsonPreflight, rule: string) => report.findings.filter((f) => f.rule === rule);

  it('prints JSON of a stable schema: each finding with its level, rule, record or feed, and source', async () => {
    const { status, report } = await preflight('msn');
    assert.equal(status, 1);
    assert.equal(report.schema, 'courier-preflight/1');
    assert.deepEqual([report.partner, report.profile, report.items], ['msn', 'msn', 16]);
    const title = findings(report, 'titleLength').find((f) => f.file === 'articles/2026/11/title-20.md')!;
    assert.equal(title.level, 'reject');
    assert.equal(title.found, 20);
    assert.match(title.source.url, /^https:\/\/support\.microsoft\.com\//);
    assert.equal(report.counts.reject, report.findings.filter((f) => f.level === 'reject').length);
  });

  it('counts Flipboard feeds of 30 items as enough, and 29 as too few', async () => {
    for (let i = 1; i <= 13; i += 1)
      article(`more-${i}`, `title: More ${i}\npublished: "2026-11-1${i % 10}T08:00:00Z"`);
    const thirty = (await preflight('flip')).report;
    assert.deepEqual(
      findings(thirty, 'minItems').map((f) => [f.level, f.found, f.feed]),
      [['near', 30, 'rss.xml']],
    );
    rmSync(join(build.content, 'articles/2026/11/more-13.md'));
    const few = (await preflight('flip')).report;
    assert.deepEqual(
      findings(few, 'minItems').map((f) => [f.level, f.found]),
      [['reject', 29]],
    );
  });

  it('rejects an article of more than 1 MB for Google News, exit 1, and warns of one close to it', async () => {
    const paragraph = `${'Words of a very long report. '.repeat(100)}\n\n`;
    article('huge', 'title: A Very Long Report\npublished: "2026-11-25T08:00:00Z"', paragraph.repeat(370));
    article('large', 'title: A Long Report\npublished: "2026-11-25T07:00:00Z"', paragraph.repeat(330));
    const { status, report } = await preflight('google');
    assert.equal(status, 1);
    const levels = findings(report, 'maxItemBytes').map((f) => [f.file, f.level]);
    assert.deepEqual(levels, [
      ['articles/2026/11/huge.md', 'reject'],
      ['articles/2026/11/large.md', 'near'],
    ]);
  });

  it('warns, exit 0, when more new articles came in the last 30 minutes than Google News reads in a fetch', async () => {
    for (let i = 0; i < 61; i += 1) {
      const published = new Date(GOLDEN_NOW - 60_000 - i * 20_000).toISOString();
      article(`rush-${i}`, `title: Rush ${i}\npublished: "${published}"`);
    }
    const { status, report } = await preflight('google');
    assert.equal(status, 0);
    assert.deepEqual(
      findings(report, 'newPerFetch').map((f) => [f.level, f.found]),
      [['warn', 61]],
    );
  });
});
