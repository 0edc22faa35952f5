import { wallTime, wallTimeToMs } from '../../src-shared/domain/clock';

/**
 * Times as staff type them (`2026-12-02 14:05`) and as the contract takes them (ISO). Typed times are in the
 * workstation's zone (Settings), whatever zone the machine running the browser is set to.
 */

/** "Now" as staff type it, in the workstation's zone: 2026-12-02 14:05. */
export function nowTyped(timeZone: string): string {
  return wallTime(Date.now(), timeZone);
}

/** A typed time as ISO, or the text itself when it is not one (the contract's check then names the field). */
export function typedToIso(text: string, timeZone: string): string {
  const ms = wallTimeToMs(text, timeZone);
  return ms === null ? text : new Date(ms).toISOString();
}
