import { BoundedMemo } from './memo';

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
  return dayFormat(timeZone).format(new Date(ms));
}

/** One formatter per zone: making an Intl.DateTimeFormat costs about a millisecond, and "today" is asked on every call. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. An unknown zone throws here, before anything is kept.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size > 50) dayFormats.clear();
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * `localDate` for many instants in one zone (every contact of 200,000 clients): one formatter, and one formatting
 * per quarter hour of the clock — zone offsets and their changes fall on quarter hours, so every instant of a
 * quarter hour has the same local day.
 */
export function localDates(timeZone: string): (ms: number) => string {
  const format = dayFormat(timeZone);
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

/** A wall-clock time as staff type it: `2026-12-02 14:05`. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

const wallFormats = new Map<string, Intl.DateTimeFormat>();
function wallParts(ms: number, timeZone: string): number[] {
  let format = wallFormats.get(timeZone);
  if (!format) {
    const options = {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    } as const;
    format = new Intl.DateTimeFormat('en-CA', options);
    if (wallFormats.size > 50) wallFormats.clear();
    wallFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(parts.find((p) => p.type === type)?.value));
}

/** The instant `ms` as a wall-clock time in the zone, as staff type it: `2026-12-02 14:05`. */
export function wallTime(ms: number, timeZone: string): string {
  const [y, mo, d, h, mi] = wallParts(ms, timeZone).map((n) => String(n).padStart(2, '0'));
  return `${y}-${mo}-${d} ${h}:${mi}`;
}

/** The instant the day (`YYYY-MM-DD`) begins in the zone: its midnight there. */
export function midnightOf(day: string, timeZone: string): number {
  return midnights.get(`${day} ${timeZone}`, () => wallTimeToMs(`${day} 00:00`, timeZone) ?? Date.parse(day));
}
const midnights = new BoundedMemo<string, number>(10_000);

/**
 * The instant a typed wall-clock time (`2026-12-02 14:05`) names in the workstation's zone — not the zone of the
 * machine the browser runs on — or null when the text is not such a time. In a daylight-saving gap the time moves
 * on by the gap; in the repeated hour the second one (standard time) is taken.
 */
export function wallTimeToMs(text: string, timeZone: string): number | null {
  const m = WALL_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d || h > 23 || mi > 59) return null;
  const offsetAt = (ms: number) => {
    const [py, pmo, pd, ph, pmi, ps] = wallParts(ms, timeZone) as [number, number, number, number, number, number];
    return Date.UTC(py, pmo - 1, pd, ph, pmi, ps) - Math.floor(ms / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  return asUtc - offsetAt(first);
}
