import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { perConnection, type RawDb } from '../store/open';

/**
 * Tallies of the stored reminders and the clients' cadence days (migration 0012), moved with every row `writeDue`
 * writes or removes, in the same transaction: the worklist's counts per group and the coverage figures then sum a few
 * thousand tally rows, not a quarter of a million reminders. A tally that reaches zero stays until the daily pass
 * sweeps it. `rebuildTallies` recounts both from their tables (after rows were deleted around `writeDue`, as the
 * demo data's removal does).
 */
class TallyStatements {
  readonly due: BetterSqlite3.Statement;
  readonly cover: BetterSqlite3.Statement;
  constructor(raw: RawDb) {
    this.due = raw.prepare(
      `INSERT INTO due_tally (manager_id, tier, kind, urgency, due_date, n) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (manager_id, tier, kind, urgency, due_date) DO UPDATE SET n = n + excluded.n`,
    );
    this.cover = raw.prepare(
      `INSERT INTO cover_tally (tier, manager_id, cadence_due, n) VALUES (?, ?, ?, ?)
       ON CONFLICT (tier, manager_id, cadence_due) DO UPDATE SET n = n + excluded.n`,
    );
  }
}

const statements = perConnection((raw) => new TallyStatements(raw));

export interface TalliedReminder {
  manager_id: string | null;
  tier: string;
  kind: string;
  urgency: number;
  due_date: string;
}

/** One stored reminder in (+1) or out (-1). */
export function tallyReminder(raw: RawDb, r: TalliedReminder, by: 1 | -1): void {
  statements(raw).due.run(r.manager_id ?? '', r.tier, r.kind, r.urgency, r.due_date, by);
}

/** One client's cadence day in (+1) or out (-1). */
export function tallyCover(raw: RawDb, c: { tier: string; manager_id: string | null; cadence_due: string }, by: 1 | -1): void {
  statements(raw).cover.run(c.tier, c.manager_id ?? '', c.cadence_due, by);
}

/** Recounts both tallies from their tables, in the caller's transaction. */
export function rebuildTallies(raw: RawDb): void {
  raw.exec(`DELETE FROM due_tally;
    INSERT INTO due_tally (manager_id, tier, kind, urgency, due_date, n)
      SELECT coalesce(manager_id, ''), tier, kind, urgency, due_date, count(*) FROM due_reminders
      GROUP BY coalesce(manager_id, ''), tier, kind, urgency, due_date;
    DELETE FROM cover_tally;
    INSERT INTO cover_tally (tier, manager_id, cadence_due, n)
      SELECT tier, coalesce(manager_id, ''), cadence_due, count(*) FROM client_due GROUP BY tier, coalesce(manager_id, ''), cadence_due;`);
}

/** Drops the tallies that reached zero (the daily pass, once its day is done). */
export function sweepTallies(raw: RawDb): void {
  raw.exec('DELETE FROM due_tally WHERE n = 0; DELETE FROM cover_tally WHERE n = 0;');
}
