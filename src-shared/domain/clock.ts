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
