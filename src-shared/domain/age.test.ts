import { describe, expect, it } from 'vitest';
import { ageOn, isElderly } from './age';

describe('age in whole years', () => {
  const cases: { story: string; birth: string; today: string; age: number }[] = [
    { story: 'the day before the birthday', birth: '1961-04-15', today: '2026-04-14', age: 64 },
    { story: 'on the birthday', birth: '1961-04-15', today: '2026-04-15', age: 65 },
    { story: 'the day after', birth: '1961-04-15', today: '2026-04-16', age: 65 },
    { story: 'an earlier month of the year', birth: '1961-12-31', today: '2026-01-01', age: 64 },
    { story: 'born today', birth: '2026-04-15', today: '2026-04-15', age: 0 },
    { story: 'born 29 Feb: 27 Feb of a common year', birth: '1960-02-29', today: '2025-02-27', age: 64 },
    { story: 'born 29 Feb: 28 Feb of a common year counts', birth: '1960-02-29', today: '2025-02-28', age: 65 },
    { story: 'born 29 Feb: 28 Feb of a leap year does not', birth: '1960-02-29', today: '2024-02-28', age: 63 },
    { story: 'born 29 Feb: 29 Feb of a leap year', birth: '1960-02-29', today: '2024-02-29', age: 64 },
    { story: 'born 28 Feb is not moved in a leap year', birth: '1960-02-28', today: '2024-02-28', age: 64 },
  ];

  it.each(cases)('$story', ({ birth, today, age }) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  it('refuses a birth date after today or not on the calendar', () => {
    expect(() => ageOn('2026-04-16', '2026-04-15')).toThrow(RangeError);
    expect(() => ageOn('1961-02-29', '2026-04-15')).toThrow(RangeError);
  });
});

describe('elderly clients', () => {
  it('are 65 from the 65th birthday, or from the age an administrator sets', () => {
    expect(isElderly('1961-04-15', '2026-04-14')).toBe(false);
    expect(isElderly('1961-04-15', '2026-04-15')).toBe(true);
    expect(isElderly('1966-04-15', '2026-04-15', 60)).toBe(true);
  });
});
