import type { Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import { encodeHlc, tickHlc, type Hlc } from '../../src-shared/domain/hlc';
import { MAX_CLOCK_AHEAD_MS } from '../../src-shared/sync/protocol';
import { isSyncedTable, SYNCED_TABLES } from '../../src-shared/sync/tables';
import type { Database } from '../store/schema';
import { deviceIdentity, stampTime, writeState } from './outbox';

/**
 * Corrects the stamps of changes not yet pushed when they lie in the hub's future (a clock that ran fast while the
 * workstation was offline). The hub refuses them; left alone they would never sync, and if accepted they would win
 * every later merge. Each pending change gets a fresh stamp from the corrected clock, in outbox order, so their order
 * among themselves is kept; stamps of rows received from elsewhere are already sane and stay. The device clock
 * (`hlc_last`) restarts from the corrected time.
 */
export async function restampFuture(trx: Transaction<Database>, clock: Clock): Promise<number> {
  const now = await stampTime(trx, clock);
  const limit = encodeHlc({ millis: now + MAX_CLOCK_AHEAD_MS / 2, counter: 0, device: '' });
  const { deviceId } = await deviceIdentity(trx, clock);
  let hlc: Hlc = { millis: now, counter: 0, device: deviceId };
  const entries = await trx.selectFrom('outbox').select(['seq', 'table_name', 'row_id', 'hlc']).orderBy('seq').execute();
  let fixed = 0;
  for (const entry of entries) {
    if (entry.hlc <= limit || !isSyncedTable(entry.table_name)) continue;
    hlc = tickHlc(hlc, now);
    const stamp = encodeHlc(hlc);
    await trx.updateTable('outbox').set({ hlc: stamp }).where('seq', '=', entry.seq).execute();
    const table = entry.table_name;
    if (table === 'client_monthly_assets') continue;
    const row = await trx
      .selectFrom(table as 'clients')
      .select(['updated_hlc', 'deleted_hlc', ...(SYNCED_TABLES[table].merge === 'fields' ? (['field_hlcs'] as const) : [])])
      .where('id', '=', entry.row_id)
      .executeTakeFirst();
    if (!row) continue;
    const set: Record<string, string> = {};
    if (row.updated_hlc > limit) set.updated_hlc = stamp;
    if (row.deleted_hlc && row.deleted_hlc > limit) set.deleted_hlc = stamp;
    if ('field_hlcs' in row && typeof row.field_hlcs === 'string') {
      const stamps = JSON.parse(row.field_hlcs) as Record<string, string>;
      for (const [field, value] of Object.entries(stamps)) if (value > limit) stamps[field] = stamp;
      set.field_hlcs = JSON.stringify(stamps);
    }
    if (Object.keys(set).length)
      await trx
        .updateTable(table as 'clients')
        .set(set)
        .where('id', '=', entry.row_id)
        .execute();
    fixed++;
  }
  await writeState(trx, 'hlc_last', encodeHlc(hlc));
  return fixed;
}
