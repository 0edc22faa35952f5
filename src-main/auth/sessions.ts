import type { Role, Session, Staff } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';

interface SessionState {
  staff: Staff;
  lastActivity: number;
  locked: boolean;
}

/**
 * Signed-in staff per channel (an Electron window, a browser tab of the host). Held in memory by main only:
 * a restart signs everyone out, which is what a bank expects of a workstation.
 */
export class Sessions {
  private readonly byChannel = new Map<string, SessionState>();

  constructor(private readonly clock: Clock) {}

  start(channel: string, staff: Staff): void {
    this.byChannel.set(channel, { staff, lastActivity: this.clock.now(), locked: false });
  }

  end(channel: string): void {
    this.byChannel.delete(channel);
  }

  /** The session on this channel, locked first if it has idled past the limit. */
  current(channel: string, idleLockMinutes: number): SessionState | null {
    const s = this.byChannel.get(channel);
    if (!s) return null;
    if (!s.locked && this.clock.now() - s.lastActivity > idleLockMinutes * 60_000) s.locked = true;
    return s;
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

  view(channel: string, idleLockMinutes: number): Session | null {
    const s = this.current(channel, idleLockMinutes);
    return s ? { staff: s.staff, locked: s.locked, idleLockMinutes } : null;
  }
}

export function hasAnyRole(staff: Staff, roles: readonly Role[]): boolean {
  return staff.roles.some((r) => roles.includes(r));
}
