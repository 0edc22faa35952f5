import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { CIPHER_PRAGMAS, KEY_BYTES, keyPragmaValue as cipherKeyPragma } from '../../src-shared/store/cipher';
import { MIGRATIONS, migrationProvider } from './migrations';
import type { Database } from './schema';

export type RawDb = BetterSqlite3.Database;

export interface Store {
  db: Kysely<Database>;
  raw: RawDb;
  path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  path: string;
  /** 32 raw bytes. */
  key: Buffer;
  /** Create the file when it does not exist (first run, `admin init`); otherwise a missing file is an error. */
  create?: boolean;
  /** Path of a native build for another runtime (Electron's Node ABI); tests use the default Node build. */
  nativeBinding?: string;
  /** Page cache in KiB. The cipher costs ~40% on random reads with the 2 MB default, ~3% when the cache holds the db. */
  cacheKiB?: number;
}

// 3.51.3 fixes a WAL-reset bug that can corrupt a database under concurrent checkpoints.
const MIN_SQLITE_VERSION = [3, 51, 3];

export function keyPragmaValue(key: Buffer): string {
  if (key.length !== KEY_BYTES) throw new AppError('INTERNAL', 'errors.store.bad_key', 'the database key must be 32 bytes');
  return cipherKeyPragma(key.toString('hex'));
}

/**
 * Opens (or creates) the encrypted store: cipher settings, key, a probe read that fails on a wrong key before
 * anything is written, the SQLite version check, WAL and durability pragmas, then migrations.
 */
export async function openStore(options: OpenOptions): Promise<Store> {
  const raw = openRaw(options);
  try {
    raw.pragma('journal_mode = WAL');
    // An acknowledged write survives a power cut.
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma(`cache_size = -${options.cacheKiB ?? defaultCacheKiB(options.path)}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
    await migrate(db);
    return {
      db,
      raw,
      path: options.path,
      async close() {
        raw.pragma('optimize');
        await db.destroy();
      },
    };
  } catch (err) {
    if (raw.open) raw.close();
    throw err;
  }
}

/**
 * The page cache sized to the database (DESIGN.md: with the 2 MB default the cipher costs ~40% on random reads,
 * with the cache near the database size ~3%), between 64 MB and 512 MB.
 */
function defaultCacheKiB(file: string): number {
  const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
  return Math.min(512 * 1024, Math.max(64 * 1024, Math.ceil((bytes * 1.1) / 1024)));
}

/** Opens and keys the file, proving the key with a read; no pragma that writes runs before the probe. */
export function openRaw(options: Pick<OpenOptions, 'path' | 'key' | 'create' | 'nativeBinding'>): RawDb {
  const exists = fs.existsSync(options.path);
  if (!exists && !options.create) {
    throw new AppError('NOT_FOUND', 'errors.store.missing', `no BranchDesk database at ${options.path}`);
  }
  // SQLite takes an empty file for a new database: a store truncated by a failed copy or a full disk would come back
  // as an empty workstation, with every record gone and nothing said. Refused instead; restore a backup.
  if (exists && fs.statSync(options.path).size === 0) {
    throw new AppError('CONFLICT', 'errors.store.empty_file', `the database file ${options.path} is empty (0 bytes); restore a backup`);
  }
  const raw = new BetterSqlite3(options.path, {
    fileMustExist: !options.create,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    for (const pragma of CIPHER_PRAGMAS) raw.pragma(pragma);
    raw.pragma(`key = ${keyPragmaValue(options.key)}`);
    try {
      raw.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new AppError('LOCKED', 'errors.store.wrong_key', 'the database key does not match');
    }
    checkSqliteVersion(raw);
    // The cipher encrypts the database, its WAL and its journal, not SQLite's temporary files: a big sort, an index
    // build or a temporary table would otherwise spill decrypted rows to an `etilqs_*` file in the temp folder (a
    // 3.9 MB one with client names in clear was seen). Temporary data stays in memory on every connection.
    raw.pragma('temp_store = MEMORY');
    return raw;
  } catch (err) {
    raw.close();
    throw err;
  }
}

function checkSqliteVersion(raw: RawDb): void {
  const row = raw.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  const parts = row.v.split('.').map(Number);
  for (let i = 0; i < MIN_SQLITE_VERSION.length; i++) {
    const have = parts[i] ?? 0;
    const need = MIN_SQLITE_VERSION[i] ?? 0;
    if (have > need) return;
    if (have < need) {
      throw new AppError('INTERNAL', 'errors.store.old_sqlite', `SQLite ${row.v} is older than ${MIN_SQLITE_VERSION.join('.')}`);
    }
  }
}

async function migrate(db: Kysely<Database>): Promise<void> {
  const known = new Set(Object.keys(MIGRATIONS));
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    // An old app never opens a newer database: it could not keep the newer schema's rules.
    throw new AppError(
      'CONFLICT',
      'errors.store.newer_schema',
      `this database was written by a newer BranchDesk (migration ${unknown.join(', ')}); update the app`,
    );
  }
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    throw new AppError(
      'INTERNAL',
      'errors.store.migration_failed',
      `migration failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const table = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`.execute(db);
  if (table.rows.length === 0) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Something made once per connection and reused for its life (a set of prepared statements): there is one
 * connection per store, and preparing on every call is measurable in a pass over 200,000 clients.
 */
export function perConnection<T>(make: (raw: RawDb) => T): (raw: RawDb) => T {
  const made = new WeakMap<RawDb, T>();
  return (raw) => {
    let value = made.get(raw);
    if (value === undefined) {
      value = make(raw);
      made.set(raw, value);
    }
    return value;
  };
}
