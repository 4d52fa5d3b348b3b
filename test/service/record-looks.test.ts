import assert from 'node:assert/strict';
import { changesToLookAt, EVERY_RECORD_MS, RecordLooks, type BuildReason } from '../../src/service/record-looks.js';

describe('which records a build of the service looks at', () => {
  const changed: BuildReason = { trigger: 'change', text: '1 file changed', changed: 1, files: ['articles/a.md'] };
  const scheduled: BuildReason = { trigger: 'schedule', text: 'on schedule', files: [] };
  const atStart: BuildReason = { trigger: 'start', text: 'at start' };

  it('looks at the files the watch saw change, while the watch sees every change', () => {
    assert.deepEqual(changesToLookAt(changed, true, 1000), ['articles/a.md']);
  });

  it('looks at every record at start, on request, and whenever no watch sees the changes', () => {
    assert.equal(changesToLookAt(atStart, true, 1000), 'unknown');
    assert.equal(changesToLookAt({ trigger: 'request', text: 'on request' }, true, 1000), 'unknown');
    assert.equal(changesToLookAt(changed, false, 1000), 'unknown');
    assert.equal(changesToLookAt(scheduled, false, 1000), 'unknown');
  });

  it('takes the watch at its word on schedule, but looks at every record again when the last look is ten minutes old', () => {
    assert.equal(EVERY_RECORD_MS, 10 * 60_000);
    assert.deepEqual(changesToLookAt(scheduled, true, EVERY_RECORD_MS - 1), []);
    assert.equal(changesToLookAt(scheduled, true, EVERY_RECORD_MS), 'unknown');
    assert.equal(changesToLookAt(scheduled, true, undefined), 'unknown');
    assert.deepEqual(
      changesToLookAt(changed, true, EVERY_RECORD_MS * 3),
      ['articles/a.md'],
      'only the schedule looks again',
    );
  });

  it('counts a look at every record made before the watch saw every change as no look: the next schedule looks again', () => {
    const looks = new RecordLooks();
    assert.equal(looks.changesFor(atStart, false, 0), 'unknown', 'at start, the watch still scanning');
    assert.equal(looks.changesFor(scheduled, true, 1000), 'unknown', 'a change the scan took as there is read now');
    assert.deepEqual(looks.changesFor(scheduled, true, 2000), [], 'from then on the watch is taken at its word');
    assert.deepEqual(looks.changesFor(changed, true, 3000), ['articles/a.md']);
    assert.equal(looks.changesFor(scheduled, true, 1000 + EVERY_RECORD_MS), 'unknown');
  });
});
