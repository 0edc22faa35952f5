import type { Kysely } from 'kysely';
import type { RawDb, Store } from './open';
import type { Database } from './schema';

/**
 * Settings for one large write (demo seeding: hundreds of MB in one transaction), held on the store's single
 * connection so no other query runs under them, and restored before this returns.
 *
 * - A rollback journal instead of WAL while it runs. In WAL mode every page of the transaction is written twice
 *   (to the WAL at commit, then to the database by the checkpoint); with a rollback journal the new pages are
 *   written once and only the few pre-existing pages that change are journalled. `synchronous` stays FULL, so it
 *   is just as durable: a crash mid-load leaves a hot journal that the next open rolls back. Measured: ~17% of a
 *   200k-client seed. When another connection has the database open the switch is refused, and the load simply
 *   runs in WAL mode.
 * - A page cache big enough to hold the whole transaction, so nothing spills and no page is decrypted twice.
 */
export async function withBulkLoad<T>(store: Store, cacheKiB: number, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return store.db.connection().execute(async (db) => {
    const { raw } = store;
    const cacheBefore = raw.pragma('cache_size', { simple: true }) as number;
    raw.pragma(`cache_size = -${cacheKiB}`);
    const journalled = tryJournalMode(raw, 'delete');
    try {
      return await work(db);
    } finally {
      if (journalled) restoreWal(raw);
      raw.pragma(`cache_size = ${cacheBefore}`);
    }
  });
}

function tryJournalMode(raw: RawDb, mode: 'delete' | 'wal'): boolean {
  try {
    return raw.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch {
    return false; // SQLITE_BUSY: another connection has the database open
  }
}

/** Back to WAL (DESIGN.md: the store runs in WAL mode); if someone else holds a lock, the next open sets it anyway. */
function restoreWal(raw: RawDb): void {
  if (!tryJournalMode(raw, 'wal')) console.warn('BranchDesk: the store stays in rollback-journal mode until it is next opened');
}

/**
 * Drops the secondary indexes of `tables` and returns what builds them again, for a bulk load into empty tables:
 * SQLite builds an index from sorted keys far faster than it maintains it row by row (and packs its pages full).
 * Call both inside the loading transaction, so a rollback restores the indexes too; they are recreated from their
 * own `CREATE INDEX` text, so the schema ends exactly as it began. Primary keys and UNIQUE constraints stay.
 */
export function deferIndexes(raw: RawDb, tables: readonly string[]): () => void {
  const marks = tables.map(() => '?').join(', ');
  const indexes = raw
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${marks}) ORDER BY name`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) raw.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  return () => {
    for (const index of indexes) raw.exec(index.sql);
  };
}
