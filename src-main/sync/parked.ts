import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import type { ParkedChange } from '../../src-shared/contract/sync';
import type { Change } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';

/**
 * Pulled changes kept waiting (see apply.ts: their client has not arrived, or they clash with a local row) are
 * retried after every page and never dropped on their own. Those still waiting after a while (a setting, default
 * 30 days) will most likely never apply — the client they name never reached this branch, as with another
 * workstation's demo data (issue 8) — so they are listed on the Sync page, and an administrator may discard them,
 * with a reason, on the audit log.
 */
export function parkedCutoff(nowMs: number, olderThanDays: number): string {
  return new Date(nowMs - olderThanDays * 86_400_000).toISOString();
}

/** A page of the changes parked before the cutoff, oldest first, with how many there are in all. */
export async function listParked(
  db: Kysely<Database>,
  cutoff: string,
  after: number | null,
  limit: number,
): Promise<{ rows: ParkedChange[]; total: number; nextAfter: number | null }> {
  const rows = await db
    .selectFrom('sync_parked')
    .select(['seq', 'table_name', 'row_id', 'change', 'reason', 'parked_at'])
    .where('parked_at', '<', cutoff)
    .$if(after !== null, (q) => q.where('seq', '>', after ?? 0))
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const { n } = await db
    .selectFrom('sync_parked')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parked_at', '<', cutoff)
    .executeTakeFirstOrThrow();
  const page = rows.slice(0, limit);
  return {
    rows: page.map((r) => {
      const [reason = r.reason, ...detail] = r.reason.split(':');
      return {
        seq: r.seq,
        table: r.table_name,
        rowId: r.row_id,
        reason: reason.trim(),
        detail: detail.join(':').trim() || null,
        parkedAt: r.parked_at,
        about: aboutOf(r.change),
      };
    }),
    total: Number(n),
    nextAfter: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

/**
 * Discards parked changes older than the cutoff: the ones named, or every one. Changes parked more recently are
 * left alone (their client may still come). Returns the sequences discarded.
 */
export async function discardParked(
  trx: Transaction<Database>,
  cutoff: string,
  which: { seqs: number[] } | { all: true },
): Promise<number[]> {
  let query = trx.selectFrom('sync_parked').select('seq').where('parked_at', '<', cutoff);
  if ('seqs' in which) query = query.where('seq', 'in', which.seqs);
  const found = (await query.orderBy('seq').execute()).map((r) => r.seq);
  if ('seqs' in which && found.length !== new Set(which.seqs).size) {
    throw new AppError('CONFLICT', 'errors.sync.parked_not_old', 'some of these changes are not waiting long enough to be discarded');
  }
  for (let i = 0; i < found.length; i += 500) {
    await trx
      .deleteFrom('sync_parked')
      .where('seq', 'in', found.slice(i, i + 500))
      .execute();
  }
  return found;
}

/** A few words on what the change is about: the client's name, or the day of a contact. */
function aboutOf(text: string): string | null {
  const change = JSON.parse(text) as Change;
  const values = change.values;
  if (change.table === 'clients' && typeof values.name === 'string') return values.name;
  if (typeof values.at === 'string') return values.at.slice(0, 10);
  return null;
}
