/** Time is passed in, never read from a global inside rules, so a test can stand on any day. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function isoAt(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

/** The calendar day (`YYYY-MM-DD`) at `ms` in the workstation's zone: "today" for every date rule. */
export function localDate(ms: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/**
 * `localDate` for many instants in one zone (every contact of 200,000 clients): one formatter, and one formatting
 * per quarter hour of the clock — zone offsets and their changes fall on quarter hours, so every instant of a
 * quarter hour has the same local day.
 */
export function localDates(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Map<number, string>();
  return (ms) => {
    const quarter = Math.floor(ms / 900_000);
    let day = days.get(quarter);
    if (day === undefined) {
      day = format.format(new Date(quarter * 900_000));
      if (days.size > 200_000) days.clear();
      days.set(quarter, day);
    }
    return day;
  };
}
