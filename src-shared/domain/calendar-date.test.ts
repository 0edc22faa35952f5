import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './calendar-date';

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
