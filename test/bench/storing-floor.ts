import { deferIndexes, restoreIndexes } from '../../src-main/reminders/bulk';
import { TallyMoves } from '../../src-main/reminders/tallies';
import type { RawDb } from '../../src-main/store/open';

/**
 * The least any pass that stores these reminders can take on this store and this machine: the rows a full recompute
 * wrote, stored again by SQL alone — no fact read, no rule run, no row crossing into JavaScript — the way the bulk
 * pass stores them (reminders/bulk.ts): the rows appended with the worklist's indexes set aside and committed
 * without waiting for the disk, then the indexes built once and committed. The tables, their indexes and the
 * tallies end as they were. Measures what the store's format costs (every page written is encrypted and
 * authenticated), against which a pass's target can be judged.
 */
export function storingFloor(raw: RawDb) {
  const count = (table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  // In memory (the store's temp_store), so no client's reminders reach a plaintext file.
  raw.exec('CREATE TEMP TABLE kept_due AS SELECT * FROM due_reminders; CREATE TEMP TABLE kept_client_due AS SELECT * FROM client_due;');
  raw.transaction(() => {
    raw.exec('DELETE FROM due_reminders; DELETE FROM client_due;');
    deferIndexes(raw);
  })();
  const durable = raw.pragma('synchronous', { simple: true }) as number;
  raw.pragma('synchronous = NORMAL');
  const parts: Record<'rows' | 'commit_rows' | 'indexes' | 'commit_indexes', number> = {
    rows: 0,
    commit_rows: 0,
    indexes: 0,
    commit_indexes: 0,
  };
  const timed = (part: keyof typeof parts, work: () => void) => {
    const t0 = performance.now();
    work();
    parts[part] = Math.round((performance.now() - t0) / 10) / 100;
  };
  try {
    raw.exec('BEGIN');
    timed('rows', () =>
      raw.exec(
        `INSERT INTO due_reminders SELECT * FROM temp.kept_due ORDER BY client_id, reminder_key;
         INSERT INTO client_due SELECT * FROM temp.kept_client_due ORDER BY client_id;`,
      ),
    );
    timed('commit_rows', () => raw.exec('COMMIT'));
    raw.exec('BEGIN');
    // The tallies already count these rows: no move to write.
    timed('indexes', () => restoreIndexes(raw, new TallyMoves()));
    timed('commit_indexes', () => raw.exec('COMMIT'));
  } finally {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    raw.pragma(`synchronous = ${durable}`);
    raw.exec('DROP TABLE temp.kept_due; DROP TABLE temp.kept_client_due;');
  }
  const seconds = Object.values(parts).reduce((a, b) => a + b, 0);
  return { seconds: Math.round(seconds * 100) / 100, rows: count('due_reminders') + count('client_due'), parts };
}
