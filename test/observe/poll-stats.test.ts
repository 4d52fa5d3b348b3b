import assert from 'node:assert/strict';
import { PollStats } from '../../src/observe/poll-stats.js';
import { subscribersOf, type FeedDay } from '../../src/observe/poll-types.js';

const MORNING = Date.parse('2026-11-26T08:00:00Z');
const MINUTE = 60_000;
const FEEDLY = 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 134 subscribers; )';
const NEWSBOAT = 'newsboat/2.21.0 (Linux x86_64)';

function fresh(politenessMs = 0, maxPollers?: number): PollStats {
  return new PollStats({ days: [] }, MORNING, { politenessMs, ...(maxPollers !== undefined && { maxPollers }) });
}

/** The counts of `feed` on the first day the statistics show. */
function firstDay(stats: PollStats, feed: string): FeedDay {
  const day = stats.view().days[0]?.feeds[feed];
  assert.ok(day, `no counts of ${feed}`);
  return day;
}

describe('the poll statistics', () => {
  it('count each feed’s polls, pollers, conditional polls and 304s, and how often each client polls', () => {
    const stats = fresh();
    for (let poll = 0; poll < 4; poll += 1) {
      stats.record('rss.xml', '203.0.113.5', FEEDLY, poll > 0, poll > 0 ? 304 : 200, MORNING + poll * 30 * MINUTE);
    }
    stats.record('rss.xml', '198.51.100.7', NEWSBOAT, false, 200, MORNING);
    stats.record('rss.xml', '198.51.100.7', NEWSBOAT, false, 200, MORNING + 60 * MINUTE);
    stats.record('atom.xml', '198.51.100.8', NEWSBOAT, false, 200, MORNING);
    assert.equal(stats.view().days[0]?.date, '2026-11-26');
    const rss = firstDay(stats, 'rss.xml');
    assert.deepEqual(
      { polls: rss.polls, conditional: rss.conditional, notModified: rss.notModified, pollers: rss.pollers },
      { polls: 6, conditional: 3, notModified: 3, pollers: 2 },
    );
    assert.deepEqual(rss.clients.Feedly, {
      pollers: 1,
      polls: 4,
      conditional: 3,
      notModified: 3,
      refused: 0,
      interval: 1800,
    });
    assert.equal(rss.clients.newsboat?.interval, 3600);
    assert.deepEqual(rss.subscribers, { Feedly: 134 });
    assert.equal(subscribersOf(rss), 135, 'Feedly’s 134 and one newsboat');
    assert.equal(firstDay(stats, 'atom.xml').pollers, 1);
  });

  it('take an aggregator’s last count of the day, and add up its counts under different feed ids', () => {
    const stats = fresh();
    stats.record('rss.xml', '203.0.113.5', 'Feedbin feed-id:9428 - 7 subscribers', false, 200, MORNING);
    stats.record('rss.xml', '203.0.113.5', 'Feedbin feed-id:9428 - 8 subscribers', true, 304, MORNING + MINUTE);
    stats.record('rss.xml', '203.0.113.6', 'Feedbin feed-id:1306543 - 3 subscribers', false, 200, MORNING);
    const rss = firstDay(stats, 'rss.xml');
    assert.deepEqual(rss.subscribers, { Feedbin: 11 });
    assert.equal(rss.pollers, 2, 'one Feedbin fetcher whose count changed is still one poller');
    assert.equal(rss.directPollers, 0);
  });

  it('fold a day into counts when it ends, and forget its addresses', () => {
    const stats = fresh();
    stats.record('rss.xml', '203.0.113.5', FEEDLY, false, 200, MORNING);
    assert.deepEqual(Object.keys(stats.view().pollers), ['rss.xml']);
    stats.advance(Date.parse('2026-11-27T00:00:30Z'));
    const view = stats.view();
    assert.deepEqual(view.pollers, {});
    assert.deepEqual(
      view.days.map((day) => day.date),
      ['2026-11-26'],
    );
    const changes = stats.takeChanges();
    assert.equal(changes.days?.length, 1);
    assert.deepEqual(changes.today, { date: '2026-11-27', feeds: {} });
    assert.ok(!JSON.stringify(changes).includes('203.0.113.5'), 'no address is saved once its day is over');
  });

  it('start again from what was saved: today’s tallies go on, a past day is folded', () => {
    const stats = fresh(15 * MINUTE);
    stats.record('rss.xml', '203.0.113.5', NEWSBOAT, false, 200, MORNING);
    const saved = { days: [], today: stats.takeChanges().today };
    const sameDay = new PollStats(saved, MORNING + MINUTE, { politenessMs: 15 * MINUTE });
    assert.equal(sameDay.wait('rss.xml', '203.0.113.5', NEWSBOAT, false, MORNING + MINUTE), 14 * 60);
    assert.equal(sameDay.view().days[0]?.feeds['rss.xml']?.polls, 1);
    const nextDay = new PollStats(saved, MORNING + 86_400_000, { politenessMs: 0 });
    assert.deepEqual(nextDay.view().pollers, {});
    assert.equal(nextDay.view().days[0]?.feeds['rss.xml']?.pollers, 1);
    const alreadyFolded = new PollStats({ days: nextDay.view().days, today: saved.today }, MORNING, {
      politenessMs: 0,
    });
    assert.equal(alreadyFolded.view().days.length, 1, 'a today already among the days is not counted twice');
  });

  it('make a client that polls without conditions too often wait, and never one that polls conditionally', () => {
    const stats = fresh(15 * MINUTE);
    const poll = (at: number, conditional = false) => {
      const wait = stats.wait('rss.xml', '203.0.113.5', NEWSBOAT, conditional, at);
      stats.record('rss.xml', '203.0.113.5', NEWSBOAT, conditional, wait > 0 ? 429 : 200, at);
      return wait;
    };
    assert.equal(poll(MORNING), 0);
    assert.equal(poll(MORNING + 5 * MINUTE), 600);
    assert.equal(poll(MORNING + 6 * MINUTE, true), 0);
    assert.equal(poll(MORNING + 14 * MINUTE + 30_000), 30, 'a refused poll does not restart the wait');
    assert.equal(poll(MORNING + 15 * MINUTE), 0);
    assert.equal(stats.wait('rss.xml', '203.0.113.6', NEWSBOAT, false, MORNING + 16 * MINUTE), 0, 'another client');
    assert.equal(stats.view().days[0]?.feeds['rss.xml']?.refused, 2);
    assert.equal(fresh(0).wait('rss.xml', '203.0.113.5', NEWSBOAT, false, MORNING), 0, 'no policy by default');
  });

  it('keep a User-Agent’s first 256 characters, and know its poller again after a restart', () => {
    const long = `SomeReader/1.0 (${'x'.repeat(400)})`;
    const stats = fresh();
    stats.record('rss.xml', '203.0.113.5', long, false, 200, MORNING);
    const again = new PollStats({ days: [], today: stats.takeChanges().today }, MORNING, { politenessMs: 0 });
    again.record('rss.xml', '203.0.113.5', long, true, 304, MORNING + MINUTE);
    assert.equal(firstDay(again, 'rss.xml').pollers, 1);
    assert.equal(again.view().pollers['rss.xml']?.[0]?.userAgent.length, 256);
  });

  it('tell apart a bounded number of pollers a day, and count the polls of the rest', () => {
    const stats = fresh(0, 2);
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      stats.record('rss.xml', address, NEWSBOAT, false, 200, MORNING);
    }
    const rss = firstDay(stats, 'rss.xml');
    assert.equal(rss.polls, 4);
    assert.equal(rss.pollers, 2);
    assert.equal(rss.untracked, 2);
  });
});
