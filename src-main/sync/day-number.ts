import { sql, type Transaction } from 'kysely';
import type { Clock } from '../../src-shared/domain/clock';
import type { Database } from '../store/schema';
import { deviceIdentity } from './state';

/**
 * The next number of a day's series made on this device — `TS20261202-7F3A-001` (a complaint), `WK20261202-7F3A-001`
 * (a walk-in prospect): its letters, the branch's calendar day, this device's tag and its count that day. Two
 * workstations working offline on the same day never make the same number, and staff can read one out on the phone.
 * Past 999 a day the number grows a digit.
 */
export async function nextDayNumber(
  trx: Transaction<Database>,
  clock: Clock,
  series: { letters: string; day: string; table: 'complaints' | 'clients'; column: 'case_no' | 'client_no' },
): Promise<string> {
  const { deviceId } = await deviceIdentity(trx, clock);
  const prefix = `${series.letters}${series.day.replace(/-/g, '')}-${deviceId.replace(/-/g, '').slice(-4).toUpperCase()}-`;
  // A range rather than LIKE (case-insensitive in SQLite, so it cannot use the index and would read every row); the
  // longest number is the latest. Table and column come from the closed list above, never from input.
  const column = sql.ref(series.column);
  const last = await sql<{ no: string }>`
    SELECT ${column} AS no FROM ${sql.table(series.table)} WHERE ${column} >= ${prefix} AND ${column} < ${`${prefix}~`}
    ORDER BY length(${column}) DESC, ${column} DESC LIMIT 1`.execute(trx);
  const previous = last.rows[0]?.no;
  const n = previous === undefined ? 1 : Number(previous.slice(prefix.length)) + 1;
  return `${prefix}${String(n).padStart(3, '0')}`;
}
