import { BoundedMemo } from './memo';

/**
 * Calendar dates as `YYYY-MM-DD` text (a birth date, the day a risk assessment was done, "today" at the branch).
 * Rules compare calendar days, not instants: turning an epoch-ms clock into the branch's "today" (its time zone)
 * is the caller's job, so a rule never depends on the machine's zone. `YYYY-MM-DD` strings of four-digit years
 * sort correctly as text, which is why comparisons below are plain string comparisons.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digits of `text` from `start` to `end` (ASCII 0–9 only) as a number, or -1 when any is not one. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The three numbers of text shaped `YYYY-MM-DD` (ASCII digits), whatever they are, or null for any other shape — a
 * stored lunar date has its own calendar's days. Read character by character, not with a regular expression: a pass
 * over 200,000 clients reads millions of dates, and each match array was garbage to collect.
 */
export function datePartsOf(text: string): CalendarDate | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  return year < 0 || month < 0 || day < 0 ? null : { year, month, day };
}

/** The parts of a real calendar date (29 February only in leap years), or null for anything else. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const d = datePartsOf(text);
  if (!d || d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return null;
  return d;
}

/** Like parseCalendarDate, for input a caller has already validated: a bad value here is a bug, so it throws. */
export function requireCalendarDate(text: string, what = 'date'): CalendarDate {
  const d = parseCalendarDate(text);
  if (!d) throw new RangeError(`${what} is not a calendar date (YYYY-MM-DD): ${text}`);
  return d;
}

export function formatCalendarDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * The same day `months` calendar months later (or earlier, when negative). A day that does not exist in the target
 * month is clamped to its last day: 31 August + 6 months is 28 (or 29) February, 29 February + 12 months is
 * 28 February. Every "N months after" rule (assessment expiry, churn, new-client window) goes through here.
 */
export function addMonths(date: string, months: number): string {
  return shiftMemo(shiftedMonths, months).known(date) ?? rememberShift(shiftedMonths, date, months, shiftMonths);
}

function shiftMonths(date: string, months: number): string {
  const d = requireCalendarDate(date);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return formatCalendarDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** Month `YYYY-MM` as a count of months since year 0, so months subtract; null when malformed. */
export function monthIndex(month: string): number | null {
  const m = MONTH_RE.exec(month);
  if (!m) return null;
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return null;
  return Number(m[1]) * 12 + (mm - 1);
}

/** The day `days` calendar days later (or earlier, when negative): "within 14 days of maturity", "a month's cadence". */
export function addDays(date: string, days: number): string {
  return shiftMemo(shiftedDays, days).known(date) ?? rememberShift(shiftedDays, date, days, shiftDays);
}

function shiftDays(date: string, days: number): string {
  const d = requireCalendarDate(date);
  const shifted = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * 86_400_000);
  return formatCalendarDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/**
 * Shifts already computed, by the shift and then the date: the daily pass over 200,000 clients asks for the same few
 * thousand (today less a notice, a cadence after a contact day) a million times.
 */
const shiftedDays = new Map<number, BoundedMemo<string, string>>();
const shiftedMonths = new Map<number, BoundedMemo<string, string>>();

function shiftMemo(memos: Map<number, BoundedMemo<string, string>>, by: number): BoundedMemo<string, string> {
  let memo = memos.get(by);
  if (!memo) memos.set(by, (memo = new BoundedMemo(50_000)));
  return memo;
}

/**
 * Computes a shift and remembers it. Kept apart from addDays and addMonths, which look in the memo first: a function
 * that creates a closure allocates the variables it captures at every call, memo hit or not.
 */
function rememberShift(
  memos: Map<number, BoundedMemo<string, string>>,
  date: string,
  by: number,
  shift: (date: string, by: number) => string,
): string {
  return shiftMemo(memos, by).get(date, () => shift(date, by));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = requireCalendarDate(from);
  const b = requireCalendarDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
