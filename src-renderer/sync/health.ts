import type { SyncStatus } from '../../src-shared/contract';

/** What the shell's status dot says about sync, one word for each colour. */
export type SyncHealth = 'off' | 'syncing' | 'failed' | 'pending' | 'ok';

/**
 * The sync service pushes soon after every write, so a change waiting a moment is normal; changes still waiting
 * this long after the last good sync mean the branch's work is not reaching head office, and the dot says so.
 */
export const PENDING_TOO_LONG_MS = 10 * 60_000;

/** The last attempt failed: an error newer than the last good sync (the service may keep an old one around). */
export function lastAttemptFailed(status: SyncStatus): boolean {
  if (!status.lastError) return false;
  if (!status.lastSuccessAt) return true;
  return Date.parse(status.lastError.at) >= Date.parse(status.lastSuccessAt);
}

/** Most telling first: not enrolled, a sync under way, a failure, changes waiting too long, all well. */
export function syncHealth(status: SyncStatus, nowMs: number): SyncHealth {
  if (!status.enrolled) return 'off';
  if (status.running) return 'syncing';
  if (lastAttemptFailed(status)) return 'failed';
  if (status.pendingChanges > 0) {
    const lastSuccess = status.lastSuccessAt ? Date.parse(status.lastSuccessAt) : Number.NaN;
    if (Number.isNaN(lastSuccess) || nowMs - lastSuccess > PENDING_TOO_LONG_MS) return 'pending';
  }
  return 'ok';
}

/** Clock offset in whole minutes, for "your clock is N minutes fast/slow". */
export function offsetMinutes(offsetMs: number): number {
  return Math.max(1, Math.round(Math.abs(offsetMs) / 60_000));
}
