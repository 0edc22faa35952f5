import { Lunar, LunarMonth, Solar } from 'lunar-typescript';
import { BoundedMemo } from './memo';

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
  return solarDays.get(year * 10_000 + month * 100 + day, () => computeSolarOfLunar(year, month, day));
}

// The library keeps only the last year it worked out, and 200,000 clients ask of a few thousand days over three years:
// each answer is remembered.
const solarDays = new BoundedMemo<number, string | null>(20_000);
const lunarYears = new BoundedMemo<string, number>(20_000);

function computeSolarOfLunar(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  const days = LunarMonth.fromYm(year, month)?.getDayCount();
  if (days === undefined) return null;
  const solar = Lunar.fromYmd(year, month, Math.min(day, days)).getSolar();
  return `${solar.getYear()}-${pad(solar.getMonth())}-${pad(solar.getDay())}`;
}

/** The lunar year a solar day (`YYYY-MM-DD`) falls in (the Spring Festival starts it). */
export function lunarYearOf(day: string): number {
  return lunarYears.get(day, () => computeLunarYearOf(day));
}

function computeLunarYearOf(day: string): number {
  return Solar.fromYmd(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
    .getLunar()
    .getYear();
}
