import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildReport } from '../../src/publish/report.js';
import { courier } from '../cli/courier.js';
import { TempBuild } from '../helpers/build.js';
import { FIXTURES, GOLDEN } from '../helpers/paths.js';
import { partnerFile } from '../helpers/partners.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PARTNERS = ['full', 'summary', 'msn', 'google', 'flip'];

/** Compares text with its golden file, writing the file instead when UPDATE_GOLDEN=1. */
function matchGolden(text: string, ...path: string[]): void {
  const golden = join(GOLDEN, 'partner-limits', ...path);
  if (UPDATE) {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, text);
  }
  assert.equal(text, readFileSync(golden, 'utf8'));
}

describe('partner feeds and preflights of articles that sit on each limit', () => {
  let build: TempBuild;
  let report: BuildReport;
  before(async () => {
    build = new TempBuild(join(FIXTURES, 'partner-limits'));
    report = await build.build();
    assert.deepEqual(report.problems, []);
  });
  after(() => build.remove());
  const rss = (partner: string) => partnerFile(report, partner, 'rss.xml');
  const check = (partner: string, ...more: string[]) =>
    courier(['check', '--partner', partner, '--content', build.content, '--out', build.out, ...more]);

  for (const partner of PARTNERS) {
    it(`match test/golden/partner-limits/${partner}/: the RSS feed and the preflight, as text and JSON`, async () => {
      matchGolden(rss(partner), partner, 'rss.xml');
      matchGolden((await check(partner)).stdout, partner, 'preflight.txt');
      matchGolden((await check(partner, '--json')).stdout, partner, 'preflight.json');
    });
  }

  it('send MSN an article 364 days old, and not one 365 days old, which it would not ingest', () => {
    assert.match(rss('msn'), /Published 364 Days Before The Build/);
    assert.doesNotMatch(rss('msn'), /Published 365 Days Before The Build/);
    assert.match(rss('full'), /Published 365 Days Before The Build/, 'other partners have no age limit');
  });

  it('give each partner the smallest rendition that meets its minimum, and the lead image where none does', () => {
    const image = (partner: string, slug: string) => {
      const item = rss(partner)
        .split('<item>')
        .find((text) => text.includes(`/${slug}/</link>`))!;
      return /<media:content url="([^"]+)"/.exec(item)?.[1];
    };
    const base = 'https://images.test.example/limits/';
    assert.equal(image('full', 'renditions'), `${base}renditions.jpg`);
    assert.equal(image('msn', 'renditions'), `${base}renditions-800.jpg`);
    assert.equal(image('google', 'renditions'), `${base}renditions-1600.jpg`);
    assert.equal(image('flip', 'no-size-fits'), `${base}no-size-fits-600.jpg`);
    assert.equal(image('msn', 'no-size-fits'), `${base}no-size-fits.jpg`);
    const figure =
      '<img src="https://images.test.example/limits/renditions-1600.jpg" alt="A photograph for the limits fixture" width="1600" height="900">';
    assert.ok(
      partnerFile(report, 'google', 'feed.json').includes(JSON.stringify(figure).slice(1, -1)),
      'the figure too',
    );
  });

  it('exit 1 where the partner would reject something, 0 on warnings only', async () => {
    assert.equal((await check('msn')).status, 1);
    assert.equal((await check('flip')).status, 1);
    assert.equal((await check('google')).status, 0, 'images under 800 px are a recommendation');
    assert.equal((await check('full')).status, 0);
  });
});
