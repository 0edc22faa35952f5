import type { RawDb } from '../store/open';
import { rebuildTallies, type TallyMoves } from './tallies';

/**
 * Storing the reminders of many clients at once — the first start over an imported archive, a device whose stored
 * reminders were rebuilt — with the walk's secondary indexes set aside. Each chunk the pass commits would otherwise
 * add its rows at random places in three indexes of a quarter of a million entries, rewriting most of their pages
 * at every commit: at 200,000 clients that was three quarters of the pass. Without them a chunk appends to the
 * table's key; the indexes are then built once, in one sort each.
 *
 * The tallies (reminders/tallies.ts) are not moved chunk by chunk either: the pass nets their moves and writes them
 * with the indexes (or, cut short, they are recounted).
 *
 * The indexes' definitions are kept in `device_state` while they are away, in the transaction that drops them, so a
 * pass cut short (a crash, a cancel, the app closed) puts back exactly what the migrations made: `restoreIndexes`
 * runs at the start of every pass and at the end of the one that set them aside. Meanwhile every query still answers
 * (by scanning), only slower.
 */

/**
 * How many clients never computed make a bulk pass, at the least (and half the clients). Below it a pass adds to the
 * indexes as it goes.
 */
export const BULK_MIN_CLIENTS = 20_000;

const DEFERRED = 'reminders_deferred_indexes';
const TABLE = 'due_reminders';

interface DeferredIndex {
  name: string;
  sql: string;
}

/** Drops the stored reminders' secondary indexes and keeps their definitions, in the caller's transaction. */
export function deferIndexes(raw: RawDb): void {
  const indexes = raw
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .all(TABLE) as DeferredIndex[];
  const kept = raw.prepare('SELECT value FROM device_state WHERE key = ?').pluck().get(DEFERRED) as string | undefined;
  const all = [...(kept ? (JSON.parse(kept) as DeferredIndex[]) : []), ...indexes];
  raw
    .prepare('INSERT INTO device_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(DEFERRED, JSON.stringify(all));
  for (const index of indexes) raw.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
}

/**
 * Builds the indexes set aside, if any, and brings the tallies up to date (a bulk pass does not move them chunk by
 * chunk), in the caller's transaction: with the pass's netted `moves` when it ran whole, else recounted.
 */
export function restoreIndexes(raw: RawDb, moves?: TallyMoves): void {
  const kept = raw.prepare('SELECT value FROM device_state WHERE key = ?').pluck().get(DEFERRED) as string | undefined;
  if (kept === undefined) return;
  const present = new Set(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").pluck().all(TABLE));
  for (const index of JSON.parse(kept) as DeferredIndex[]) {
    if (present.has(index.name)) continue;
    raw.exec(index.sql);
    present.add(index.name);
  }
  if (moves) moves.apply(raw);
  else rebuildTallies(raw);
  raw.prepare('DELETE FROM device_state WHERE key = ?').run(DEFERRED);
}
