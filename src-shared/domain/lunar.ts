import { Lunar, LunarMonth, Solar } from 'lunar-typescript';

/**
 * The Chinese lunar calendar (农历), from a maintained library (lunar-typescript) rather than hand-written tables:
 * the few questions the reminders ask of it.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The solar day (`YYYY-MM-DD`) of lunar month `month`, day `day` of lunar year `year`. A date kept as "the 4th month"
 * falls in the ordinary 4th month, not in a leap 4th month that year may repeat; a 30th in a month of 29 days falls on
 * its 29th (the custom for birthdays: the last day of the month). Null for a month outside 1–12.
 */
export function solarOfLunar(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  const days = LunarMonth.fromYm(year, month)?.getDayCount();
  if (days === undefined) return null;
  const solar = Lunar.fromYmd(year, month, Math.min(day, days)).getSolar();
  return `${solar.getYear()}-${pad(solar.getMonth())}-${pad(solar.getDay())}`;
}

/** The lunar year a solar day (`YYYY-MM-DD`) falls in (the Spring Festival starts it). */
export function lunarYearOf(day: string): number {
  return Solar.fromYmd(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
    .getLunar()
    .getYear();
}
