import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, parseCalendarDate } from './calendar-date';

describe('shifting calendar dates', () => {
  it('crosses months, years and 29 February, and clamps months to their last day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-12-03', -400)).toBe('2025-10-29');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('gives the same answer from its memo, past the memo’s bound, and refuses a bad date every time', () => {
    const days = Array.from({ length: 60_000 }, (_, i) => addDays('2000-01-01', i));
    expect(days.at(-1)).toBe(addDays('2000-01-01', 59_999));
    for (const [i, day] of days.entries()) if (i % 997 === 0) expect(daysBetween('2000-01-01', day)).toBe(i);
    // Shifted again after the memo emptied itself: the same days.
    expect(days.slice(0, 5).map((d) => addDays(d, 1))).toEqual(days.slice(1, 6));
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('not a date', 1)).toThrow(RangeError);
  });
});

describe('reading a calendar date', () => {
  it('takes real YYYY-MM-DD days and nothing else', () => {
    expect(parseCalendarDate('2026-12-03')).toEqual({ year: 2026, month: 12, day: 3 });
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('0001-01-01')).toEqual({ year: 1, month: 1, day: 1 });
    for (const bad of [
      '2026-02-29', // not a leap year
      '1900-02-29', // a century that is not one
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-00',
      '2026-1-01',
      '26-01-01',
      '2026-01-01\n',
      ' 2026-01-01',
      '2026/01/01',
      '+026-01-01',
      '２０２６-01-01', // full-width digits
      '2026-01-0a',
      '2026-01-01T00:00',
      '',
    ]) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
  });
});
