import assert from 'node:assert/strict';
import { PollStats } from '../../src/observe/poll-stats.js';
import { renderStatsPage } from '../../src/observe/stats-page.js';

const DAY = 86_400_000;
const FIRST = Date.parse('2026-10-01T09:00:00Z');
const FEEDLY = (count: number) => `Feedly/1.0 (+http://www.feedly.com/fetcher.html; ${count} subscribers; )`;

/** Forty days of polls of two feeds: Feedly's count grows by ten a day, and newsboat polls rss.xml every day. */
function fortyDays(): PollStats {
  const stats = new PollStats({ days: [] }, FIRST, { politenessMs: 0 });
  for (let day = 0; day < 40; day += 1) {
    const at = FIRST + day * DAY;
    stats.record('rss.xml', '203.0.113.5', FEEDLY(1000 + day * 10), day > 0, day > 0 ? 304 : 200, at);
    stats.record('rss.xml', '198.51.100.7', 'newsboat/2.21.0 (Linux x86_64)', false, 200, at);
    if (day % 2 === 0) stats.record('categories/world/atom.xml', '198.51.100.8', 'Miniflux/2.2.3', false, 200, at);
  }
  return stats;
}

describe('the stats page', () => {
  it('draws a chart of the last 30 days for each feed polled, most subscribers first, with no script', () => {
    const stats = fortyDays();
    const html = renderStatsPage(stats.view(), '2026-11-09');
    const charts = html.match(/<svg [^>]*aria-label="([^"]*)"/g) ?? [];
    assert.equal(charts.length, 2);
    assert.match(
      charts[0],
      /\/feeds\/rss\.xml, 2026-10-11 to 2026-11-09: 1391 subscribers and 2 pollers on the last day/,
    );
    assert.match(String(charts[1]), /\/feeds\/categories\/world\/atom\.xml/);
    const firstChart = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    assert.equal(firstChart.match(/<rect /g)?.length, 30, 'a bar a day');
    assert.ok(!/<script/i.test(html));
  });

  it('escapes what clients send: a User-Agent is not markup', () => {
    const stats = new PollStats({ days: [] }, FIRST, { politenessMs: 0 });
    const hostile = 'Mozilla/5.0 (compatible; <img src=x onerror=alert(1)>; 3 subscribers)';
    stats.record('rss.xml', '203.0.113.9', hostile, false, 200, FIRST);
    const html = renderStatsPage(stats.view(), '2026-10-01');
    assert.ok(!html.includes('<img'), 'no element from the User-Agent');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });
});
