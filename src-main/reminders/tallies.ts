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

/**
 * The moves of one `writeDue` call, netted per tally row and written once at its end: a chunk of 2,000 clients moves
 * a few hundred tally rows, where one statement per reminder written was a quarter of the pass's writes.
 */
export class TallyMoves {
  private readonly due = new Map<string, Move<TalliedReminder>>();
  private readonly cover = new Map<string, Move<CoveredClient>>();

  /** One stored reminder in (+1) or out (-1). */
  reminder(r: TalliedReminder, by: 1 | -1): void {
    net(this.due, `${r.manager_id ?? ''}\u0000${r.tier}\u0000${r.kind}\u0000${r.urgency}\u0000${r.due_date}`, r, by);
  }

  /** One client's cadence day in (+1) or out (-1). */
  client(c: CoveredClient, by: 1 | -1): void {
    net(this.cover, `${c.tier}\u0000${c.manager_id ?? ''}\u0000${c.cadence_due}`, c, by);
  }

  /** Writes the net moves in the caller's transaction (a row whose moves cancel out is not touched). */
  apply(raw: RawDb): void {
    const s = statements(raw);
    for (const { row: r, n } of this.due.values()) if (n !== 0) s.due.run(r.manager_id ?? '', r.tier, r.kind, r.urgency, r.due_date, n);
    for (const { row: c, n } of this.cover.values()) if (n !== 0) s.cover.run(c.tier, c.manager_id ?? '', c.cadence_due, n);
    this.due.clear();
    this.cover.clear();
  }
}

/** A tally row (named by `key`) moved by `n` so far. */
interface Move<T> {
  row: T;
  n: number;
}

function net<T>(moves: Map<string, Move<T>>, key: string, row: T, by: 1 | -1): void {
  const move = moves.get(key);
  if (move) move.n += by;
  else moves.set(key, { row, n: by });
}

interface CoveredClient {
  tier: string;
  manager_id: string | null;
  cadence_due: string;
}

/** The manager a tally row counts for: a client without one tallies under ''. */
export function tallyManager(managerId: string): string | null {
  return managerId === '' ? null : managerId;
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
