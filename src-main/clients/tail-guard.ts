import { AppError, type Staff } from '../../src-shared/contract';
import { maskMobile } from '../../src-shared/domain/masking';
import type { AppCore } from '../app';
import { recordSecurityEvent } from '../audit/security';

/** The window the tail-search limit counts over. */
const WINDOW_MS = 10 * 60_000;

export interface TailProbe {
  kind: 'tail' | 'mobile';
  /** The searched digits as the audit log keeps them: masked, never the number typed. */
  masked: string;
}

/**
 * A search by the last four of an ID number or mobile, or by a whole mobile number: what someone would use to find
 * who owns a number they already hold. The query's shape decides, not what it found (a probe that finds nothing is a
 * probe too).
 */
export function tailProbe(query: string): TailProbe | null {
  const compact = query.normalize('NFKC').trim().replace(/[\s-]/g, '');
  if (/^\d{3}[\dXx]$/.test(compact)) return { kind: 'tail', masked: `**${compact.slice(-2)}` };
  if (/^\d{11,}$/.test(compact)) return { kind: 'mobile', masked: maskMobile(compact) };
  return null;
}

/**
 * Masking must not be worked around by searching (issue 9, DOMAIN.md §1): every tail search is on the audit log with
 * the digits masked, and more than `tailSearchLimit` by one person within ten minutes locks every session of theirs,
 * with the reason on the audit log — they unlock with their password, and someone can ask why.
 */
export async function guardTailSearch(app: AppCore, staff: Staff, probe: TailProbe): Promise<void> {
  await recordSecurityEvent(app, { method: 'clients.search.tail', staff, targetIds: [`${probe.kind}:${probe.masked}`] });
  const count = app.sessions.noteTailSearch(staff.id, WINDOW_MS);
  if (count <= app.settings.tailSearchLimit) return;
  app.sessions.lockStaff(staff.id);
  await recordSecurityEvent(app, {
    method: 'security.tail_search_limit',
    staff,
    targetIds: [staff.id],
    reason: `${count} ID or mobile tail searches within ten minutes (limit ${app.settings.tailSearchLimit})`,
  });
  throw new AppError('LOCKED', 'errors.auth.tail_search_limit', 'too many ID or mobile tail searches; the session is locked', {
    params: { count, limit: app.settings.tailSearchLimit },
  });
}
