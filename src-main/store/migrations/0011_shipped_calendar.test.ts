import { describe, expect, it } from 'vitest';
import { calendarOf, isWorkingDay, workingDayOnOrBefore } from '../../../src-shared/domain/working-days';
import { SHIPPED_CALENDAR } from './0011_shipped_calendar';

const calendar = calendarOf(SHIPPED_CALENDAR.map(([day, kind]) => ({ day, kind })));

describe('the holiday calendar shipped for 2025 and 2026', () => {
  it('holds one row a day, each a holiday or a make-up working day on a weekend', () => {
    const days = SHIPPED_CALENDAR.map(([day]) => day);
    expect(new Set(days).size).toBe(days.length);
    for (const [day, kind] of SHIPPED_CALENDAR) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (kind === 'workday') expect([0, 6], day).toContain(weekday);
    }
  });

  it.each([
    ['2026-01-01', false], // New Year's Day
    ['2026-02-14', true], // the Saturday worked before the Spring Festival
    ['2026-02-17', false], // the Spring Festival
    ['2026-09-20', true], // the Sunday worked before National Day
    ['2026-10-01', false],
    ['2026-10-07', false], // the golden week's last day
    ['2026-10-08', true],
    ['2026-10-10', true], // the Saturday worked after it
  ])('%s is a working day: %s', (day, working) => {
    expect(isWorkingDay(day, calendar)).toBe(working);
  });

  it('a birthday in the golden week is due the working day before it; a make-up Sunday is a working day', () => {
    expect(workingDayOnOrBefore('2026-10-03', calendar)).toBe('2026-09-30');
    expect(workingDayOnOrBefore('2026-09-20', calendar)).toBe('2026-09-20');
  });
});
