import { describe, expect, it } from 'vitest';
import { calendarOf, isWorkingDay, NO_CALENDAR, workingDayOnOrBefore } from './working-days';

// The 2026 Spring Festival as announced: closed 15–23 February, Saturday 14 and Saturday 28 February worked instead.
const calendar = calendarOf([
  { day: '2026-02-14', kind: 'workday' },
  ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({ day: `2026-02-${d}`, kind: 'holiday' })),
  { day: '2026-02-28', kind: 'workday' },
]);

describe('working days', () => {
  it.each([
    ['2026-02-13', true], // Friday
    ['2026-02-14', true], // the make-up Saturday
    ['2026-02-16', false], // a holiday Monday
    ['2026-02-21', false], // a Saturday inside the holiday
    ['2026-02-24', true], // back at work
    ['2026-02-28', true], // the second make-up Saturday
    ['2026-03-01', false], // an ordinary Sunday
  ])('%s is a working day: %s', (day, working) => {
    expect(isWorkingDay(day, calendar)).toBe(working);
  });

  it('a reminder on a closed day is due the working day before: a holiday week reaches back to the make-up Saturday', () => {
    expect(workingDayOnOrBefore('2026-02-17', calendar)).toBe('2026-02-14');
    expect(workingDayOnOrBefore('2026-02-23', calendar)).toBe('2026-02-14');
    expect(workingDayOnOrBefore('2026-02-24', calendar)).toBe('2026-02-24');
    expect(workingDayOnOrBefore('2026-03-01', calendar)).toBe('2026-02-28');
    // Without a calendar, only weekends close.
    expect(workingDayOnOrBefore('2026-02-17', NO_CALENDAR)).toBe('2026-02-17');
    expect(workingDayOnOrBefore('2026-02-15', NO_CALENDAR)).toBe('2026-02-13');
  });
});
