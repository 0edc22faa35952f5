import type { Kysely } from 'kysely';
import type { PushRequest } from '../../src-shared/sync/protocol';
import { auditHead } from '../audit/log';
import type { Database } from '../store/schema';

/** The audit sequence the hub anchored last and asked this device to prove next time. */
const ASK_KEY = 'sync_audit_ask';

export type AuditProof = Pick<PushRequest, 'auditHead' | 'auditAt' | 'auditRestored'>;

/**
 * What each push carries of this workstation's audit log (issue 9): its head, and its own hash at the sequence the
 * hub anchored last, so head office sees an entry cut or rewritten after it was anchored even when the head has
 * moved on since. After a restore from a backup the chain is older than what head office holds, and the push says so.
 */
export async function auditProof(db: Kysely<Database>, restored: boolean): Promise<AuditProof> {
  const head = await auditHead(db);
  const ask = await db.selectFrom('device_state').select('value').where('key', '=', ASK_KEY).executeTakeFirst();
  let auditAt: AuditProof['auditAt'];
  if (ask) {
    const seq = Number(ask.value);
    const entry = await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst();
    auditAt = { seq, hash: entry?.hash ?? null };
  }
  return { auditHead: head, ...(auditAt ? { auditAt } : {}), ...(restored ? { auditRestored: true } : {}) };
}

/** Keeps the sequence the hub asked for, for the next push. */
export async function rememberAuditAsk(db: Kysely<Database>, seq: number): Promise<void> {
  const value = String(seq);
  await db
    .insertInto('device_state')
    .values({ key: ASK_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
