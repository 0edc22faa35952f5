import { addDays, datePartsOf, daysInMonth, formatCalendarDate, isLeapYear, parseCalendarDate } from './calendar-date';
import { lunarYearOf, solarOfLunar } from './lunar';

/**
 * Dated occasions that come round each year (DOMAIN.md §3: birthdays solar or lunar, festivals, the important dates
 * staff record on a profile), placed on the solar day of the year in question.
 */

/** The festivals a branch may greet its clients on (Settings chooses which), lunar or solar. */
export const FESTIVALS = {
  spring_festival: { lunar: true, month: 1, day: 1 },
  lantern: { lunar: true, month: 1, day: 15 },
  dragon_boat: { lunar: true, month: 5, day: 5 },
  qixi: { lunar: true, month: 7, day: 7 },
  mid_autumn: { lunar: true, month: 8, day: 15 },
  double_ninth: { lunar: true, month: 9, day: 9 },
  new_year: { lunar: false, month: 1, day: 1 },
  womens_day: { lunar: false, month: 3, day: 8 },
  national_day: { lunar: false, month: 10, day: 1 },
} as const;
export type Festival = keyof typeof FESTIVALS;
export const FESTIVAL_CODES = Object.keys(FESTIVALS) as Festival[];
export const DEFAULT_FESTIVALS: readonly Festival[] = ['spring_festival', 'dragon_boat', 'mid_autumn'];

/** A date that comes round each year: its month and day, solar or lunar, and the year it first happened (if known). */
export interface Yearly {
  month: number;
  day: number;
  lunar: boolean;
  /** The occasion is greeted only in the years after this one (a birthday not in the year of birth). */
  since: number | null;
}

/** A stored date (`YYYY-MM-DD`, lunar when `lunar`: the lunar year, month and day) as a yearly occasion. */
export function yearlyOf(date: string, lunar: boolean): Yearly | null {
  const parts = datePartsOf(date);
  if (!parts) return null;
  const { year, month, day } = parts;
  if (month < 1 || month > 12 || day < 1 || day > (lunar ? 30 : 31)) return null;
  return { month, day, lunar, since: year };
}

/** Its solar day in (solar or lunar) year `year`; 29 February in a common year, a lunar 30th in a short month: the day before. */
function inYear(y: Yearly, year: number): string | null {
  if (y.lunar) return solarOfLunar(year, y.month, y.day);
  const day = y.month === 2 && y.day === 29 && !isLeapYear(year) ? 28 : Math.min(y.day, daysInMonth(year, y.month));
  return formatCalendarDate({ year, month: y.month, day });
}

/**
 * The occurrence whose notice is open on `today`: from `notice` days before it until `grace` days after it (then it
 * lapses: a belated greeting is no greeting). Null when none is.
 */
export function openOccurrence(y: Yearly, today: string, notice: number, grace: number): string | null {
  if (!parseCalendarDate(today)) return null;
  const base = y.lunar ? lunarYearOf(today) : Number(today.slice(0, 4));
  for (const year of [base - 1, base, base + 1]) {
    if (y.since !== null && year <= y.since) continue;
    const day = inYear(y, year);
    if (day && addDays(day, -notice) <= today && addDays(day, grace) >= today) return day;
  }
  return null;
}
