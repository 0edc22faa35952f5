import type { Staff } from '../../src-shared/contract';
import type { AppCore } from '../app';
import { appendAudit } from './log';

/**
 * Something refused or noticed rather than done — a failed sign-in, a lockout, a call a role does not allow, a call
 * from a frame that is not the app, a burst of tail searches — goes on the audit log too (issue 9), in a transaction
 * of its own: no mutation carries it.
 */
export async function recordSecurityEvent(
  app: AppCore,
  event: { method: string; staff?: Staff | null; staffLogin?: string; targetIds: string[]; reason?: string },
): Promise<void> {
  await app.store.db.transaction().execute((trx) =>
    appendAudit(trx, app.clock, {
      staffId: event.staff?.id ?? null,
      staffLogin: event.staff?.login ?? event.staffLogin?.slice(0, 64) ?? null,
      method: event.method,
      targetIds: event.targetIds,
      reason: event.reason ?? null,
    }),
  );
}
