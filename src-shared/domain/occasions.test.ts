import { describe, expect, it } from 'vitest';
import { lunarYearOf, solarOfLunar } from './lunar';
import { FESTIVALS, openOccurrence, yearlyOf } from './occasions';

describe('the lunar calendar', () => {
  it.each([
    // 2025 repeats its 6th month (闰六月): a date kept as the 6th month is in the ordinary one, not the leap one.
    [2025, 6, 1, '2025-06-25'],
    // The 12th month of lunar 2025 has 29 days: a 30th falls on the 29th, the eve of the Spring Festival.
    [2025, 12, 30, '2026-02-16'],
    [2025, 12, 29, '2026-02-16'],
    [2026, 1, 1, '2026-02-17'],
    [2026, 5, 5, '2026-06-19'],
    [2026, 8, 15, '2026-09-25'],
    [2027, 1, 1, '2027-02-06'],
  ])('lunar %i-%i-%i is %s', (year, month, day, solar) => {
    expect(solarOfLunar(year, month, day)).toBe(solar);
  });

  it('refuses a month or day that is no lunar date, and knows which lunar year a day is in', () => {
    expect(solarOfLunar(2026, 13, 1)).toBeNull();
    expect(solarOfLunar(2026, 1, 31)).toBeNull();
    expect(lunarYearOf('2026-02-16')).toBe(2025);
    expect(lunarYearOf('2026-02-17')).toBe(2026);
  });
});

describe('yearly occasions', () => {
  const notice = 7;
  const grace = 30;

  it('a lunar birthday is greeted on its solar day of the year, from a week before until the grace ends', () => {
    const born = yearlyOf('1968-08-15', true)!; // born on Mid-Autumn day
    expect(openOccurrence(born, '2026-09-17', notice, grace)).toBeNull();
    expect(openOccurrence(born, '2026-09-18', notice, grace)).toBe('2026-09-25');
    expect(openOccurrence(born, '2026-10-25', notice, grace)).toBe('2026-09-25');
    expect(openOccurrence(born, '2026-10-26', notice, grace)).toBeNull();
  });

  it('across the lunar new year: a 12th-month date in January belongs to the lunar year still running', () => {
    // Lunar 2025-12-01 is 19 January 2026: on 20 January the lunar year is still 2025.
    expect(openOccurrence(yearlyOf('1980-12-01', true)!, '2026-01-20', notice, grace)).toBe('2026-01-19');
    // A lunar New Year's Eve (the 30th) in a year whose 12th month has 29 days is kept on the 29th.
    expect(openOccurrence(yearlyOf('1990-12-30', true)!, '2026-02-10', notice, grace)).toBe('2026-02-16');
  });

  it('a date in a leap month is kept in the ordinary month of that number', () => {
    // Someone born in lunar 2023's leap 2nd month keeps the 2nd month: in 2026, 2nd month 10th is 28 March.
    expect(openOccurrence(yearlyOf('2023-02-10', true)!, '2026-03-25', notice, grace)).toBe(solarOfLunar(2026, 2, 10));
  });

  it('a solar date on 29 February falls on 28 February in a common year, and never in its own year', () => {
    const leapDay = yearlyOf('2024-02-29', false)!;
    expect(openOccurrence(leapDay, '2024-02-25', notice, grace)).toBeNull();
    expect(openOccurrence(leapDay, '2026-02-25', notice, grace)).toBe('2026-02-28');
    expect(openOccurrence(leapDay, '2028-02-25', notice, grace)).toBe('2028-02-29');
  });

  it('festivals fall on their day, lunar or solar', () => {
    const festival = (code: keyof typeof FESTIVALS, today: string) => openOccurrence({ ...FESTIVALS[code], since: null }, today, notice, 3);
    expect(festival('spring_festival', '2026-02-12')).toBe('2026-02-17');
    expect(festival('spring_festival', '2026-02-20')).toBe('2026-02-17');
    expect(festival('spring_festival', '2026-02-21')).toBeNull();
    expect(festival('mid_autumn', '2026-09-20')).toBe('2026-09-25');
    expect(festival('national_day', '2026-09-28')).toBe('2026-10-01');
    expect(festival('new_year', '2026-12-28')).toBe('2027-01-01');
  });

  it('refuses a stored date that is none', () => {
    expect(yearlyOf('1980-13-01', false)).toBeNull();
    expect(yearlyOf('1980-02-31', true)).toBeNull();
    expect(yearlyOf('not a date', false)).toBeNull();
  });
});
