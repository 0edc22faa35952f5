import { sql, type Kysely, type Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import type { Database } from '../store/schema';
import { deleteState, readState, SYNC_STATE, writeState } from './state';

/**
 * A restore brings back data, not the device's place in the sync stream (DESIGN.md). After one, the restored
 * outbox numbers its changes from where the backup stood, below sequences the hub has already acknowledged from
 * this device since; the hub would skip them as replays and the workstation would delete them as sent (issue 8:
 * changes silently lost). And the changes this device made after the backup now live only at the hub, which never
 * sends a device its own changes back.
 *
 * So a restore leaves a mark. The next sync first asks the hub where this device stands (an empty push answers
 * with its acknowledged sequence), drops the restored entries the hub already holds, numbers every later entry above
 * what the hub acknowledged, and then pulls from the restored cursor with the device's own changes included, until
 * it has caught up; only then is the mark cleared.
 */
export interface RestoreMark {
  /** The highest outbox sequence the backup had handed out: entries above it were made after the restore. */
  outboxFloor: number;
  /** `rejoin`: the numbering is not settled yet; `pull`: it is, and the catch-up pull with own changes runs. */
  phase: 'rejoin' | 'pull';
  at: string;
}

export async function readRestoreMark(db: Kysely<Database> | Transaction<Database>): Promise<RestoreMark | null> {
  const text = await readState(db, SYNC_STATE.restored);
  return text ? (JSON.parse(text) as RestoreMark) : null;
}

/** Marks a store just restored from a backup (run on the restored store, before anything else writes to it). */
export async function markRestored(db: Kysely<Database>, clock: Clock): Promise<RestoreMark> {
  return db.transaction().execute(async (trx) => {
    const mark: RestoreMark = { outboxFloor: await highestOutboxSeq(trx), phase: 'rejoin', at: new Date(clock.now()).toISOString() };
    await writeState(trx, SYNC_STATE.restored, JSON.stringify(mark));
    return mark;
  });
}

/**
 * Settles the outbox's numbering against the sequence the hub acknowledged from this device, in one transaction:
 * restored entries the hub holds leave, entries made after the restore move above the acknowledged sequence (in
 * order), and the outbox's counter continues above it.
 */
export async function rejoinAfterRestore(trx: Transaction<Database>, mark: RestoreMark, hubAckedSeq: number): Promise<void> {
  await trx.deleteFrom('outbox').where('seq', '<=', Math.min(mark.outboxFloor, hubAckedSeq)).execute();
  const shift = Math.max(0, hubAckedSeq - mark.outboxFloor);
  if (shift > 0) {
    // Through negative numbers: moving a run of keys up in place would collide with its own later members.
    await trx
      .updateTable('outbox')
      .set({ seq: sql<number>`-(seq + ${shift})` })
      .where('seq', '>', mark.outboxFloor)
      .execute();
    await trx
      .updateTable('outbox')
      .set({ seq: sql<number>`-seq` })
      .where('seq', '<', 0)
      .execute();
  }
  // AUTOINCREMENT keeps its counter in sqlite_sequence, which Kysely's schema does not describe.
  const next = Math.max(hubAckedSeq, await highestOutboxSeq(trx));
  await sql`DELETE FROM sqlite_sequence WHERE name = 'outbox'`.execute(trx);
  await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ${next})`.execute(trx);
  await writeState(trx, SYNC_STATE.restored, JSON.stringify({ ...mark, phase: 'pull' } satisfies RestoreMark));
}

/** The catch-up pull reached the head of the branch's feed: the device is whole again. */
export async function clearRestoreMark(trx: Transaction<Database>): Promise<void> {
  await deleteState(trx, SYNC_STATE.restored);
}

/** The highest sequence the outbox has handed out (its AUTOINCREMENT counter, or its highest entry). */
async function highestOutboxSeq(trx: Transaction<Database>): Promise<number> {
  const counter = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`.execute(trx);
  const top = await trx
    .selectFrom('outbox')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Math.max(Number(counter.rows[0]?.seq ?? 0), Number(top?.seq ?? 0));
}
