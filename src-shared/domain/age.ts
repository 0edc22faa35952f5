import { isLeapYear, requireCalendarDate } from './calendar-date';

export interface AgePolicy {
  /** Elderly from this age, inclusive: extra risk warning when advising (DOMAIN.md §4). */
  elderlyMinAge: number;
}

export const DEFAULT_AGE_POLICY = { elderlyMinAge: 65 } as const satisfies AgePolicy;

/**
 * Age in whole years on `today` (both `YYYY-MM-DD`). The age goes up on the birthday itself. Someone born on
 * 29 February has their birthday on 28 February in common years — chosen so a 65th birthday never waits until
 * 1 March: when the elderly safeguards start, earlier is the safe side. Throws when the birth date is not a
 * calendar date or lies after today (a data error the caller must see, not an age of -1).
 */
export function ageOn(birthDate: string, today: string): number {
  const birth = requireCalendarDate(birthDate, 'birth date');
  const on = requireCalendarDate(today, 'today');
  if (birthDate > today) throw new RangeError(`birth date ${birthDate} is after ${today}`);
  const birthdayDay = birth.month === 2 && birth.day === 29 && !isLeapYear(on.year) ? 28 : birth.day;
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birthdayDay);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export function isElderly(birthDate: string, today: string, threshold: number = DEFAULT_AGE_POLICY.elderlyMinAge): boolean {
  return ageOn(birthDate, today) >= threshold;
}
