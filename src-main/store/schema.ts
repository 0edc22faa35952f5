import type { Generated } from 'kysely';

/** Every table Kysely may touch. Columns are snake_case as stored; services map them to the contract's shapes. */
export interface Database {
  staff: StaffTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  device_state: DeviceStateTable;
  outbox: OutboxTable;
}

/** Sync-ready columns (DESIGN.md): UUIDv7 id, branch, creation time, HLC of the last change, tombstone. */
interface SyncColumns {
  id: string;
  branch_id: string;
  created_at: string;
  updated_hlc: string;
  deleted_hlc: string | null;
}

export interface StaffTable extends SyncColumns {
  login: string;
  display_name: string;
  /** JSON array of roles. */
  roles: string;
  /** scrypt hash and its per-user salt (hex); never leave the workstation. */
  password_hash: string;
  password_salt: string;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_hlc: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  at: string;
  staff_id: string | null;
  staff_login: string | null;
  method: string;
  /** JSON array of the ids the call touched; never secret values. */
  target_ids: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface DeviceStateTable {
  key: string;
  value: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  table_name: string;
  row_id: string;
  hlc: string;
  /** JSON of the changed fields (secrets excluded). */
  payload: string;
  created_at: string;
}
