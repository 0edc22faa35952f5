import type { Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { decodeHlc, encodeHlc, tickHlc, type Hlc } from '../../src-shared/domain/hlc';
import { MAX_CLOCK_AHEAD_MS } from '../../src-shared/sync/protocol';
import { isSyncedTable, SYNCED_TABLES } from '../../src-shared/sync/tables';
import type { Database } from '../store/schema';
import { resetHlc, stampTime } from './device-clock';
import { deviceIdentity } from './state';

/**
 * Corrects the stamps of changes not yet pushed when they lie in the hub's future: the clock ran fast while the
 * workstation was offline. The hub refuses them; left alone they would never sync, and if accepted they would win
 * every later merge. Each future stamp is moved back by the offset now measured against the hub (`offsetMs`, this
 * clock minus the hub's), which keeps their order and puts each edit near the hub time it really happened, so an
 * edit made elsewhere later still wins; a stamp still ahead after that is clamped to the corrected now. Stamps of
 * rows received from elsewhere are already sane and stay. The device clock (`hlc_last`) continues from the result.
 */
export async function restampFuture(trx: Transaction<Database>, clock: Clock, offsetMs: number): Promise<number> {
  const now = await stampTime(trx, clock);
  const limit = encodeHlc({ millis: now + MAX_CLOCK_AHEAD_MS / 2, counter: 0, device: '' });
  const { deviceId } = await deviceIdentity(trx, clock);
  const moved = new Map<string, string>();
  let clamped: Hlc = { millis: now, counter: 0, device: deviceId };
  let newest = encodeHlc({ millis: now, counter: 0, device: deviceId });
  const correct = (stamp: string): string => {
    if (stamp <= limit) return stamp;
    let fixed = moved.get(stamp);
    if (!fixed) {
      const old = decodeHlc(stamp);
      const millis = old.millis - offsetMs;
      if (millis <= now) fixed = encodeHlc({ millis, counter: old.counter, device: old.device });
      else {
        clamped = tickHlc(clamped, now);
        fixed = encodeHlc(clamped);
      }
      moved.set(stamp, fixed);
    }
    if (fixed > newest) newest = fixed;
    return fixed;
  };

  const entries = await trx.selectFrom('outbox').select(['seq', 'table_name', 'row_id', 'hlc']).orderBy('seq').execute();
  let fixedRows = 0;
  for (const entry of entries) {
    if (entry.hlc <= limit || !isSyncedTable(entry.table_name)) continue;
    await trx
      .updateTable('outbox')
      .set({ hlc: correct(entry.hlc) })
      .where('seq', '=', entry.seq)
      .execute();
    const table = entry.table_name;
    // A keyed series has no row stamps of its own.
    if (SYNCED_TABLES[table].merge === 'keyed') continue;
    const row = await trx
      .selectFrom(table as 'clients')
      .select(['updated_hlc', 'deleted_hlc', ...(SYNCED_TABLES[table].merge === 'fields' ? (['field_hlcs'] as const) : [])])
      .where('id', '=', entry.row_id)
      .executeTakeFirst();
    if (!row) continue;
    const set: Record<string, string> = { updated_hlc: correct(row.updated_hlc) };
    if (row.deleted_hlc) set.deleted_hlc = correct(row.deleted_hlc);
    if ('field_hlcs' in row && typeof row.field_hlcs === 'string') {
      const stamps = JSON.parse(row.field_hlcs) as Record<string, string>;
      for (const [field, value] of Object.entries(stamps)) stamps[field] = correct(value);
      set.field_hlcs = JSON.stringify(stamps);
    }
    await trx
      .updateTable(table as 'clients')
      .set(set)
      .where('id', '=', entry.row_id)
      .execute();
    fixedRows++;
  }
  await resetHlc(trx, newest);
  return fixedRows;
}
