import type { Role, Session, Staff } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';

export interface SessionState {
  staff: Staff;
  startedAt: number;
  lastActivity: number;
  locked: boolean;
  /** Signed in with head office's first password: only the password change is allowed until it is replaced. */
  mustChangePassword: boolean;
}

export interface SessionLimits {
  idleLockMinutes: number;
  sessionMaxHours: number;
}

/**
 * Signed-in staff per channel (an Electron window, a browser tab of the host). Held in memory by main only:
 * a restart signs everyone out, which is what a bank expects of a workstation. A session locks after the idle limit
 * and ends outright after its absolute lifetime (OWASP session guidance), however active it was.
 */
export class Sessions {
  private readonly byChannel = new Map<string, SessionState>();
  /** When each staff member made their recent ID- or mobile-tail searches, over all their windows. */
  private readonly tailSearches = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  start(channel: string, staff: Staff, mustChangePassword = false): void {
    const now = this.clock.now();
    this.byChannel.set(channel, { staff, startedAt: now, lastActivity: now, locked: false, mustChangePassword });
  }

  end(channel: string): void {
    this.byChannel.delete(channel);
  }

  /**
   * The session on this channel: ended (null, `expired`) past its absolute lifetime, locked first if it has idled
   * past the limit.
   */
  current(channel: string, limits: SessionLimits): SessionState | null {
    const s = this.byChannel.get(channel);
    if (!s) return null;
    if (this.expired(s, limits)) {
      this.byChannel.delete(channel);
      return null;
    }
    if (!s.locked && this.clock.now() - s.lastActivity > limits.idleLockMinutes * 60_000) s.locked = true;
    return s;
  }

  /** Whether the channel's session has just ended for its age (so the refusal can say so). */
  isExpired(channel: string, limits: SessionLimits): boolean {
    const s = this.byChannel.get(channel);
    return s !== undefined && this.expired(s, limits);
  }

  private expired(s: SessionState, limits: SessionLimits): boolean {
    return this.clock.now() - s.startedAt > limits.sessionMaxHours * 3_600_000;
  }

  touch(channel: string): void {
    const s = this.byChannel.get(channel);
    if (s && !s.locked) s.lastActivity = this.clock.now();
  }

  lock(channel: string): void {
    const s = this.byChannel.get(channel);
    if (s) s.locked = true;
  }

  unlock(channel: string): void {
    const s = this.byChannel.get(channel);
    if (s) {
      s.locked = false;
      s.lastActivity = this.clock.now();
    }
  }

  /** Counts one more tail search of a staff member and returns how many they made within the window. */
  noteTailSearch(staffId: string, windowMs: number): number {
    const now = this.clock.now();
    const recent = (this.tailSearches.get(staffId) ?? []).filter((at) => now - at < windowMs);
    recent.push(now);
    this.tailSearches.set(staffId, recent);
    return recent.length;
  }

  /** Locks every session of one staff member and starts their tail-search count afresh (they unlock with their password). */
  lockStaff(staffId: string): void {
    for (const channel of this.channelsOf(staffId)) this.lock(channel);
    this.tailSearches.delete(staffId);
  }

  /** Every session of one staff member (their account changed: roles taken away, disabled). */
  channelsOf(staffId: string): string[] {
    return [...this.byChannel].filter(([, s]) => s.staff.id === staffId).map(([channel]) => channel);
  }

  view(channel: string, limits: SessionLimits): Session | null {
    const s = this.current(channel, limits);
    return s
      ? { staff: s.staff, locked: s.locked, idleLockMinutes: limits.idleLockMinutes, mustChangePassword: s.mustChangePassword }
      : null;
  }
}

export function hasAnyRole(staff: Staff, roles: readonly Role[]): boolean {
  return staff.roles.some((r) => roles.includes(r));
}
