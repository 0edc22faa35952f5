import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { type Generated, Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { CIPHER_PRAGMAS, KEY_BYTES, keyPragmaValue } from '../src-shared/store/cipher';
import * as m0001 from './migrations/0001_hub';
import * as m0002 from './migrations/0002_hub_guard';

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
    /** The device's audit chain epoch (see hub_audit_chain). */
    audit_epoch: Generated<number>;
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
  /** Each device's audit chain heads as pushed, per epoch: proof that a branch's log was not rewritten later. */
  hub_audit_chain: { device_id: string; epoch: number; seq: number; hash: string; received_at: string };
  /** What the hub refused or noticed about a device, for head office. */
  hub_events: { id: string; branch_id: string; device_id: string; n: number; kind: string; detail: string; at: string };
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
  /** The SQLite file's 32-byte key (see store-key.ts); required for SQLite. */
  key?: Buffer;
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests give each run its own); created when missing. */
  schema?: string;
}

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve<Record<string, Migration>>({ '0001_hub': m0001, '0002_hub_guard': m0002 }),
};

export async function openHubDb(options: HubDbOptions): Promise<HubDb> {
  const hub = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.schema)
    : openSqlite(options.dataDir ?? 'hub-data', options.key);
  try {
    // Kysely looks for its migration tables in every schema unless told which: a hub opening a new schema while
    // another schema of the same database holds a hub (or any Kysely app) would take that one's tables for its own,
    // skip making them, and fail. PostgreSQL's are in the hub's own schema.
    const schema = hub.dialect === 'postgres' ? await currentSchema(hub.db) : undefined;
    const { error } = await new Migrator({ db: hub.db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error('the hub database could not be migrated');
  } catch (error) {
    await hub.close();
    throw error;
  }
  return hub;
}

/**
 * The embedded store, encrypted at rest like a workstation's (issue 9: it holds every branch's unmasked client data).
 * A wrong key is a clear error, never a new empty store. A plain file left by an earlier version is encrypted in
 * place on first open with a key (never in WAL mode: rekeying a WAL database corrupts it).
 */
function openSqlite(dataDir: string, key: Buffer | undefined): HubDb {
  if (!key || key.length !== KEY_BYTES) throw new Error('the hub’s SQLite store needs its 32-byte key (HUB_PASSPHRASE or --key-file)');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'hub.sqlite');
  if (isPlainSqlite(file)) encryptInPlace(file, key);
  const raw = new BetterSqlite3(file);
  try {
    for (const pragma of CIPHER_PRAGMAS) raw.pragma(pragma);
    raw.pragma(`key = ${keyPragmaValue(key.toString('hex'))}`);
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    raw.close();
    throw new Error(`the hub database key does not match ${file}`);
  }
  // The cipher does not cover SQLite's temporary files: sorts and temporary tables stay in memory.
  raw.pragma('temp_store = MEMORY');
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  // A master-data import holds the write lock for seconds (about 8 s for 200,000 clients): pushes wait for it.
  raw.pragma('busy_timeout = 30000');
  raw.pragma('cache_size = -131072');
  const db = new Kysely<HubDatabase>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0');

function isPlainSqlite(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size < PLAIN_HEADER.length) return false;
  const head = Buffer.alloc(PLAIN_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.equals(PLAIN_HEADER);
}

function encryptInPlace(file: string, key: Buffer): void {
  const raw = new BetterSqlite3(file);
  try {
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.pragma('journal_mode = DELETE');
    for (const pragma of CIPHER_PRAGMAS) raw.pragma(pragma);
    raw.pragma(`rekey = ${keyPragmaValue(key.toString('hex'))}`);
  } finally {
    raw.close();
  }
  if (isPlainSqlite(file)) throw new Error(`could not encrypt the hub database ${file}`);
}

/** int8 (bigint) columns come back as numbers: sequences stay far below 2^53. */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (text: string) => Number(text)
      : (pg.types.getTypeParser(oid, format ?? 'text') as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Client data never crosses a network in clear: a PostgreSQL address other than this machine (loopback or a local
 * socket) must ask for TLS (`sslmode=require`, or better `verify-full` with the bank's CA). Encryption at rest is
 * the database server's (see README: disk or tablespace encryption).
 */
export function checkPostgresTransport(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('HUB_DATABASE_URL is not a postgres:// address');
  }
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  const local = host === '' || host.startsWith('/') || ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
  const sslmode = parsed.searchParams.get('sslmode');
  const tls = (sslmode !== null && ['require', 'verify-ca', 'verify-full'].includes(sslmode)) || parsed.searchParams.get('ssl') === 'true';
  if (!local && !tls) {
    throw new Error(`refusing to reach PostgreSQL at ${host} without TLS: add ?sslmode=verify-full (or require) to the address`);
  }
}

/** The schema unqualified names are made in: the one the hub was given, or the first of the search path. */
async function currentSchema(db: Kysely<HubDatabase>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('the PostgreSQL search path names no schema the hub can use');
  return schema;
}

async function openPostgres(url: string, schema: string | undefined): Promise<HubDb> {
  checkPostgresTransport(url);
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
