import { describe, expect, it } from 'vitest';
import { localDate, wallTime, wallTimeToMs } from './clock';

describe('typed times are in the workstation’s zone, whatever zone the browser’s machine is in', () => {
  it.each([
    ['2026-12-02 14:05', 'Asia/Shanghai', '2026-12-02T06:05:00.000Z'],
    ['2026-12-02 00:30', 'Asia/Shanghai', '2026-12-01T16:30:00.000Z'],
    ['2026-12-31 23:59', 'Asia/Shanghai', '2026-12-31T15:59:00.000Z'],
    ['2026-07-01 09:00', 'Asia/Hong_Kong', '2026-07-01T01:00:00.000Z'],
    ['2026-12-02T14:05', 'UTC', '2026-12-02T14:05:00.000Z'],
    // Daylight saving: a summer and a winter time, the repeated hour (the second taken) and the skipped one (moved on).
    ['2026-07-01 12:00', 'Europe/London', '2026-07-01T11:00:00.000Z'],
    ['2026-01-15 12:00', 'Europe/London', '2026-01-15T12:00:00.000Z'],
    ['2026-10-25 01:30', 'Europe/London', '2026-10-25T01:30:00.000Z'],
    ['2026-03-29 01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
  ])('%s in %s is %s', (typed, zone, iso) => {
    const ms = wallTimeToMs(typed, zone);
    expect(ms === null ? null : new Date(ms).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30 10:00', '2026-12-02 24:00', '2026-12-02 10:60', '2026-12-02', '14:05', ''])('%j is not a time', (typed) =>
    expect(wallTimeToMs(typed, 'Asia/Shanghai')).toBeNull(),
  );

  it('shows an instant as staff type it, and reads it back', () => {
    const ms = Date.parse('2026-12-02T16:20:00Z');
    expect(wallTime(ms, 'Asia/Shanghai')).toBe('2026-12-03 00:20');
    expect(wallTimeToMs(wallTime(ms, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(ms);
    expect(localDate(ms, 'Asia/Shanghai')).toBe('2026-12-03');
    expect(localDate(ms, 'UTC')).toBe('2026-12-02');
  });
});
