import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { uuidv7 } from '../../src-shared/domain/ids';
import type { RawDb } from '../store/open';
import type { Database } from '../store/schema';

export interface AuditInput {
  staffId: string | null;
  staffLogin: string | null;
  method: string;
  /** Ids of the records the call touched — never secret values (passwords, full ID numbers). */
  targetIds: string[];
  reason?: string | null;
}

const GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

interface ChainFields {
  seq: number;
  id: string;
  at: string;
  staff_id: string | null;
  staff_login: string | null;
  method: string;
  target_ids: string;
  reason: string | null;
  prev_hash: string;
}

function chainHash(f: ChainFields): string {
  const canonical = JSON.stringify([f.seq, f.id, f.at, f.staff_id, f.staff_login, f.method, f.target_ids, f.reason, f.prev_hash]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit log, inside the caller's transaction so the entry and the change
 * it records commit together. The chain head is kept in device_state too, so a deleted last entry shows.
 */
export async function appendAudit(trx: Transaction<Database>, clock: Clock, input: AuditInput): Promise<void> {
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const now = clock.now();
  const fields: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    id: uuidv7(now),
    at: new Date(now).toISOString(),
    staff_id: input.staffId,
    staff_login: input.staffLogin,
    method: input.method,
    target_ids: JSON.stringify(input.targetIds),
    reason: input.reason ?? null,
    prev_hash: last?.hash ?? GENESIS,
  };
  const hash = chainHash(fields);
  await trx
    .insertInto('audit_log')
    .values({ ...fields, hash })
    .execute();
  const head = JSON.stringify({ seq: fields.seq, hash });
  await trx
    .insertInto('device_state')
    .values({ key: HEAD_KEY, value: head })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: head }))
    .execute();
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry that was edited, removed or inserted out of chain; null when the chain holds. */
  firstBadSeq: number | null;
  problem: string | null;
}

/** The newest entry of the chain as recorded beside it (what sync anchors at head office), or null before the first. */
export async function auditHead(db: Kysely<Database>): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('device_state').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as { seq: number; hash: string }) : null;
}

export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainReport> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
  const head = await db.selectFrom('device_state').select('value').where('key', '=', HEAD_KEY).executeTakeFirst();
  return checkAuditChain(rows, head?.value ?? null);
}

/** The audit log of another copy of the store (a backup attached as `schema`), read on the raw connection. */
export function verifyAttachedAuditChain(raw: RawDb, schema: string): ChainReport {
  const rows = raw.prepare(`SELECT * FROM ${schema}.audit_log ORDER BY seq`).all() as (ChainFields & { hash: string })[];
  const head = raw.prepare(`SELECT value FROM ${schema}.device_state WHERE key = ?`).get(HEAD_KEY) as { value: string } | undefined;
  return checkAuditChain(rows, head?.value ?? null);
}

/** Every entry follows the one before it, none was altered, and the head recorded beside the log is its last. */
function checkAuditChain(rows: (ChainFields & { hash: string })[], headValue: string | null): ChainReport {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const row of rows) {
    const bad = (problem: string): ChainReport => ({ ok: false, entries: rows.length, firstBadSeq: row.seq, problem });
    if (row.seq !== expectedSeq) return bad(`entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev) return bad(`entry ${row.seq} does not follow entry ${row.seq - 1}`);
    if (chainHash(row) !== row.hash) return bad(`entry ${row.seq} was altered`);
    prev = row.hash;
    expectedSeq++;
  }
  if (headValue !== null) {
    const head = JSON.parse(headValue) as { seq: number; hash: string };
    if (head.seq !== rows.length || head.hash !== prev) {
      return { ok: false, entries: rows.length, firstBadSeq: rows.length + 1, problem: `entries after ${rows.length} were removed` };
    }
  } else if (rows.length > 0) {
    return { ok: false, entries: rows.length, firstBadSeq: 1, problem: 'the chain head is missing' };
  }
  return { ok: true, entries: rows.length, firstBadSeq: null, problem: null };
}

export async function listAudit(db: Kysely<Database>, beforeSeq: number | undefined, limit: number) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
  if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    staffLogin: r.staff_login,
    method: r.method,
    targetIds: JSON.parse(r.target_ids) as string[],
    reason: r.reason,
  }));
}
