import assert from 'node:assert/strict';
import { calendarDate, parseDate } from '../../src/content/dates.js';

describe('a date in a record', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2026-11-26T09:30:00Z', '2026-11-26T09:30:00.000Z'],
    ['2026-11-26T09:30:00+04:00', '2026-11-26T05:30:00.000Z'],
    ['2026-11-26T09:30:00.250-0130', '2026-11-26T11:00:00.250Z'],
    ['2026-11-26 09:30Z', '2026-11-26T09:30:00.000Z'],
    ['2026-11-26', '2026-11-25T20:00:00.000Z'],
    ['2026-11-26T09:30:00', '2026-11-26T05:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-02-29T00:00:00Z', undefined],
    ['2026-02-30', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['2026-11-26T24:00:00Z', undefined],
    ['2026-11-26T09:60:00Z', undefined],
    ['yesterday', undefined],
    ['26/11/2026', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} is ${expected ?? 'refused'} (site zone Asia/Muscat)`, () => {
      const parsed = parseDate(text, 'Asia/Muscat');
      assert.equal(parsed === undefined ? undefined : new Date(parsed).toISOString(), expected);
    });
  }

  it('falls on the calendar day of the site zone', () => {
    const lateEvening = Date.parse('2026-11-26T22:30:00Z');
    assert.deepEqual(calendarDate(lateEvening, 'UTC'), { year: 2026, month: 11, day: 26 });
    assert.deepEqual(calendarDate(lateEvening, 'Asia/Muscat'), { year: 2026, month: 11, day: 27 });
  });
});
