import { addDays, parseCalendarDate } from './calendar-date';

/**
 * The mainland's working days (DOMAIN.md §7b): Monday to Friday, except the public holidays, plus the weekend days
 * made working days in exchange (调休). The calendar is data head office sends each year, not code.
 */
export interface WorkCalendar {
  /** Days the branch is closed although they fall Monday to Friday (and weekend days of a holiday). */
  holidays: ReadonlySet<string>;
  /** Saturdays and Sundays worked in exchange for a holiday. */
  workdays: ReadonlySet<string>;
}

export const NO_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export function calendarOf(days: readonly { day: string; kind: string }[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const d = parseCalendarDate(day);
  if (!d) return false;
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The day itself when the branch works then, else the working day before it (a week-long holiday reaches back). */
export function workingDayOnOrBefore(day: string, calendar: WorkCalendar): string {
  let d = day;
  // A run of closed days is at most a holiday week with its weekends: three weeks of searching is plenty.
  for (let i = 0; i < 21 && !isWorkingDay(d, calendar); i++) d = addDays(d, -1);
  return d;
}
