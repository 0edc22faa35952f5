import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import * as m0001 from './migrations/0001_hub';

/** The hub's tables. Every piece of state lives here, so several hub processes over one PostgreSQL agree. */
export interface HubDatabase {
  hub_branches: {
    id: string;
    name: string;
    created_at: string;
    revoked_at: string | null;
    /** Last change sequence handed out in this branch; bumped under the row's lock, so order = commit order. */
    change_seq: number;
  };
  hub_devices: {
    id: string;
    branch_id: string;
    name: string;
    token_hash: string;
    enrolled_at: string;
    revoked_at: string | null;
    last_seen_at: string | null;
    /** Every change of this device up to this outbox sequence is stored. */
    acked_seq: number;
    /** Offset of the device's clock from the hub's, ms, as last measured. */
    clock_offset_ms: number | null;
  };
  hub_enrollment_codes: {
    code_hash: string;
    branch_id: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    used_by: string | null;
  };
  hub_changes: {
    branch_id: string;
    seq: number;
    table_name: string;
    row_id: string;
    op: string;
    hlc: string;
    /** The device that pushed it, or `hub` for head office's master data. */
    origin: string;
    /** JSON: `{ values, fieldHlcs? }` as the change carried them. */
    payload: string;
    received_at: string;
  };
  /** Head office's client numbers → the row id the branch knows the client by. */
  hub_client_keys: { branch_id: string; client_no: string; client_id: string };
  /** Each device's audit chain head as pushed: proof that a branch's log was not rewritten later. */
  hub_audit_heads: { device_id: string; seq: number; hash: string; received_at: string };
}

export type HubDialect = 'sqlite' | 'postgres';

export interface HubDb {
  db: Kysely<HubDatabase>;
  dialect: HubDialect;
  /** Where the data is, for logs: a file path or the database URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface HubDbOptions {
  /** Folder of the embedded SQLite file, when no database URL is given. */
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests give each run its own); created when missing. */
  schema?: string;
}

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve<Record<string, Migration>>({ '0001_hub': m0001 }),
};

export async function openHubDb(options: HubDbOptions): Promise<HubDb> {
  const hub = options.databaseUrl ? await openPostgres(options.databaseUrl, options.schema) : openSqlite(options.dataDir ?? 'hub-data');
  const { error } = await new Migrator({ db: hub.db, provider }).migrateToLatest();
  if (error) {
    await hub.close();
    throw error instanceof Error ? error : new Error('the hub database could not be migrated');
  }
  return hub;
}

function openSqlite(dataDir: string): HubDb {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'hub.sqlite');
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  // A master-data import holds the write lock for seconds (about 8 s for 200,000 clients): pushes wait for it.
  raw.pragma('busy_timeout = 30000');
  raw.pragma('cache_size = -131072');
  const db = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/** int8 (bigint) columns come back as numbers: sequences stay far below 2^53. */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (text: string) => Number(text)
      : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

async function openPostgres(url: string, schema: string | undefined): Promise<HubDb> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    else await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const safe = new URL(url);
  safe.password = '';
  return { db, dialect: 'postgres', location: safe.toString(), close: () => db.destroy() };
}
