import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PollStats } from '../../src/observe/poll-stats.js';
import { DAYS_FILE, readStats, TODAY_FILE, writeStats } from '../../src/observe/stats-file.js';

const MORNING = Date.parse('2026-11-26T08:00:00Z');

describe('the saved poll statistics', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'courier-stats-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('read as nothing counted when there are none', async () => {
    assert.deepEqual(await readStats(stateDir, { setAside: true }), { saved: { days: [] }, problems: [] });
  });

  it('read back what was written, today’s pollers included', async () => {
    const stats = new PollStats({ days: [] }, MORNING, { politenessMs: 0 });
    stats.record('rss.xml', '203.0.113.5', 'newsboat/2.21.0 (Linux x86_64)', false, 200, MORNING);
    stats.advance(MORNING + 86_400_000);
    stats.record('rss.xml', '203.0.113.6', 'Feedbin feed-id:9428 - 7 subscribers', false, 200, MORNING + 86_400_000);
    await writeStats(stateDir, stats.takeChanges());
    const { saved, problems } = await readStats(stateDir, { setAside: true });
    assert.deepEqual(problems, []);
    const again = new PollStats(saved, MORNING + 86_400_000, { politenessMs: 0 });
    assert.deepEqual(again.view(), stats.view());
  });

  it('set a damaged file aside and say so when the service reads it, and leave it be for courier stats', async () => {
    writeFileSync(join(stateDir, DAYS_FILE), '[{"date": "2026-11-2');
    const read = await readStats(stateDir, { setAside: false });
    assert.match(read.problems[0] ?? '', /poll-days\.json: not JSON/);
    assert.ok(existsSync(join(stateDir, DAYS_FILE)));
    const { saved, problems } = await readStats(stateDir, { setAside: true });
    assert.deepEqual(saved, { days: [] });
    assert.match(problems[0] ?? '', /set aside as .*poll-days\.json\.damaged$/);
    assert.equal(readFileSync(join(stateDir, `${DAYS_FILE}.damaged`), 'utf8'), '[{"date": "2026-11-2');
  });

  it('leave out entries of the wrong shape, and read the rest', async () => {
    const days = [
      { date: 'yesterday', feeds: {} },
      { date: '2026-11-25', feeds: { 'rss.xml': { polls: 'many', pollers: 3, subscribers: { Feedly: 9, x: 'y' } } } },
    ];
    writeFileSync(join(stateDir, DAYS_FILE), JSON.stringify(days));
    writeFileSync(
      join(stateDir, TODAY_FILE),
      JSON.stringify({ date: '2026-11-26', feeds: { 'rss.xml': { pollers: [{}] } } }),
    );
    const { saved } = await readStats(stateDir, { setAside: true });
    assert.equal(saved.days.length, 1);
    const day = saved.days[0]?.feeds['rss.xml'];
    assert.ok(day);
    assert.equal(day.polls, 0);
    assert.equal(day.pollers, 3);
    assert.deepEqual(day.subscribers, { Feedly: 9 });
    assert.deepEqual(saved.today?.feeds['rss.xml']?.pollers, []);
  });
});
