import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/contract';
import { lastAttemptFailed, offsetMinutes, PENDING_TOO_LONG_MS, syncHealth } from './health';

const NOW = Date.parse('2026-03-02T09:30:00.000Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

const enrolled: SyncStatus = {
  enrolled: true,
  hubUrl: 'https://hub.example-bank.cn',
  branchId: 'BR-0101',
  deviceId: '0195f3a2-7c1e-7000-8000-000000000001',
  lastSuccessAt: minutesAgo(2),
  lastAttemptAt: minutesAgo(2),
  pendingChanges: 0,
  parkedChanges: 0,
  running: false,
  lastError: null,
  nextAttemptAt: null,
  clockOffsetMs: 0,
  demoClients: 0,
  restoring: false,
  clockWrong: false,
};

describe('the status dot of a branch workstation', () => {
  it('is grey before the workstation is enrolled, whatever else the status says', () => {
    expect(syncHealth({ ...enrolled, enrolled: false, hubUrl: null, pendingChanges: 40 }, NOW)).toBe('off');
  });

  it('is green after a good sync with nothing waiting', () => {
    expect(syncHealth(enrolled, NOW)).toBe('ok');
  });

  it('stays green for a contact logged a moment ago, and turns to "pending" once it waits too long', () => {
    expect(syncHealth({ ...enrolled, pendingChanges: 1 }, NOW)).toBe('ok');
    const stale = { ...enrolled, pendingChanges: 1, lastSuccessAt: new Date(NOW - PENDING_TOO_LONG_MS - 1).toISOString() };
    expect(syncHealth(stale, NOW)).toBe('pending');
    expect(syncHealth({ ...enrolled, pendingChanges: 3, lastSuccessAt: null }, NOW)).toBe('pending');
  });

  it('is red when the last attempt failed, and shows a retry under way as syncing', () => {
    const failed = { ...enrolled, lastAttemptAt: minutesAgo(1), lastError: { key: 'errors.sync.unreachable', at: minutesAgo(1) } };
    expect(lastAttemptFailed(failed)).toBe(true);
    expect(syncHealth(failed, NOW)).toBe('failed');
    expect(syncHealth({ ...failed, running: true }, NOW)).toBe('syncing');
  });

  it('does not stay red for an error a later sync got past', () => {
    const recovered = { ...enrolled, lastError: { key: 'errors.sync.hub_error', params: { status: 503 }, at: minutesAgo(30) } };
    expect(lastAttemptFailed(recovered)).toBe(false);
    expect(syncHealth(recovered, NOW)).toBe('ok');
  });

  it('says a clock off by 61.4 minutes is 61 minutes off, and never "0 minutes"', () => {
    expect(offsetMinutes(61.4 * 60_000)).toBe(61);
    expect(offsetMinutes(-125 * 60_000)).toBe(125);
    expect(offsetMinutes(10_000)).toBe(1);
  });
});
