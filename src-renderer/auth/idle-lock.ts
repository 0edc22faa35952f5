import { useEffect } from 'react';
import type { Session } from '../../src-shared/contract';
import { useLock, useTouch } from './hooks';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
/** Main locks a session that has made no call for the idle limit; one touch a minute keeps an active one open. */
const TOUCH_EVERY_MS = 60_000;
const CHECK_EVERY_MS = 1_000;
/**
 * Exists only so the end-to-end test need not wait ten minutes for the lock: seconds, read from sessionStorage.
 * Production always uses the administrator's setting (session.idleLockMinutes).
 */
const TEST_OVERRIDE_KEY = 'branchdesk.idleLockSecondsForTest';

function idleLimitMs(idleLockMinutes: number): number {
  const override = Number(sessionStorage.getItem(TEST_OVERRIDE_KEY));
  if (Number.isFinite(override) && override > 0) return override * 1000;
  return idleLockMinutes * 60_000;
}

/**
 * Locks the screen after the idle limit without keyboard, mouse or touch input, and keeps main's own idle timer
 * from locking a staff member who is working but not calling anything.
 */
export function useIdleLock(session: Session | null): void {
  const { mutate: lock } = useLock();
  const { mutate: touch } = useTouch();
  const active = session !== null && !session.locked;
  const idleLockMinutes = session?.idleLockMinutes ?? 0;

  useEffect(() => {
    if (!active) return;
    const limit = idleLimitMs(idleLockMinutes);
    let lastActivity = Date.now();
    let lastTouch = lastActivity;

    const onActivity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastTouch >= TOUCH_EVERY_MS) {
        lastTouch = lastActivity;
        touch();
      }
    };
    const timer = window.setInterval(
      () => {
        if (Date.now() - lastActivity < limit) return;
        window.clearInterval(timer);
        lock();
      },
      Math.min(CHECK_EVERY_MS, limit),
    );

    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [active, idleLockMinutes, lock, touch]);
}
