import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Change } from '../../src-shared/sync/protocol';
import {
  CLIENT_BRANCH_COLUMNS,
  CLIENT_MASTER_COLUMNS,
  CLIENT_REFERENCE_COLUMNS,
  decodeMonths,
  pulledColumns,
  SYNCED_TABLES,
  syncedTable,
  type SyncedTable,
} from '../../src-shared/sync/tables';
import type { ClientKeyMaker } from '../clients/bulk';
import { ClientRederiver, type DerivePolicy } from '../clients/rederive';
import { refreshCases } from '../complaints/state';
import { isWalkInClientNo } from '../../src-shared/domain/events';
import { refreshEvents } from '../events/state';
import { scorePulledResponses } from '../surveys/scoring';
import type { RawDb } from '../store/open';

type Stmt = BetterSqlite3.Statement;
type Value = string | number | null;
type Row = Record<string, Value>;

export type ApplyOutcome = 'applied' | 'unchanged' | 'parked';

export interface ApplyContext {
  raw: RawDb;
  /** Tier, lifecycle and reminder thresholds in force (the settings satisfy every policy). */
  policy: DerivePolicy;
  today: string;
  /** Makes the search keys and ID hash of client rows (with this store's hash key). */
  keys: ClientKeyMaker;
  nowIso: string;
}

const CLIENT_REQUIRED = ['client_no', 'kind', 'name', 'id_type', 'id_number'] as const;
/** JSON-array columns: a malformed one would break every screen that reads the client. */
const JSON_ARRAY_COLUMNS = new Set(['interests', 'team', 'roles', 'flags']);

class Parked extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Applies pulled changes inside the caller's transaction (DESIGN.md merge rules): append-only facts are inserted
 * once; mutable rows merge as a whole or field by field, last writer wins by HLC; derived values (tier, lifecycle,
 * risk level, search keys) are recomputed here from the facts, never taken from the wire. A change that cannot be
 * applied yet is parked, never dropped. Synchronous prepared statements on the connection the transaction holds.
 */
export class ChangeApplier {
  private readonly statements = new Map<string, Stmt>();
  private readonly allowed = new Map<string, Set<string>>();
  private readonly inserters = new Map<string, { columns: string[]; statement: Stmt }>();
  /** Client id → the id this workstation keeps for that client (itself unless it is an alias). */
  private readonly aliases = new Map<string, string>();
  /** The clients a change touched: their derived values are recomputed before the page commits. */
  private readonly derived: ClientRederiver;
  /** The complaints a change touched: their status, officer and due day are folded again from their events. */
  private readonly cases = new Set<string>();
  /** The events a change touched: their status, seats and calls owed are folded again from their record. */
  private readonly events = new Set<string>();
  /** The newest stamp seen, so later local stamps sort after it. */
  maxHlc = '';

  constructor(private readonly ctx: ApplyContext) {
    this.derived = new ClientRederiver(ctx.raw, ctx.policy, ctx.today);
  }

  private stmt(sql: string): Stmt {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.ctx.raw.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Applies one change; with `park`, one that cannot be applied is kept in sync_parked for a later retry. */
  apply(change: Change, park = true): ApplyOutcome {
    if (change.hlc > this.maxHlc) this.maxHlc = change.hlc;
    // A client (row, search entry, alias), a staff account (login check, row) or a monthly series takes several
    // statements: a savepoint keeps a failure whole. Every other change is one statement, which SQLite already
    // applies entirely or not at all.
    const several = change.table === 'clients' || change.table === 'staff' || change.table === 'client_monthly_assets';
    if (several) this.stmt('SAVEPOINT sync_change').run();
    try {
      const outcome = this.applyOne(change);
      if (several) this.stmt('RELEASE sync_change').run();
      return outcome;
    } catch (error) {
      if (several) {
        this.stmt('ROLLBACK TO sync_change').run();
        this.stmt('RELEASE sync_change').run();
      }
      const reason = error instanceof Parked ? error.reason : `invalid: ${error instanceof Error ? error.message : String(error)}`;
      if (park) {
        this.stmt('INSERT INTO sync_parked (table_name, row_id, change, reason, parked_at) VALUES (?, ?, ?, ?, ?)').run(
          change.table,
          change.rowId,
          JSON.stringify(change),
          reason,
          this.ctx.nowIso,
        );
      }
      return 'parked';
    }
  }

  /** Retries parked changes (their parents may have arrived with this page); returns how many went in. */
  retryParked(limit = 10_000): number {
    const parked = this.stmt('SELECT seq, change FROM sync_parked ORDER BY seq LIMIT ?').all(limit) as { seq: number; change: string }[];
    let applied = 0;
    for (const p of parked) {
      if (this.apply(JSON.parse(p.change) as Change, false) !== 'parked') {
        this.stmt('DELETE FROM sync_parked WHERE seq = ?').run(p.seq);
        applied++;
      }
    }
    return applied;
  }

  private applyOne(received: Change): ApplyOutcome {
    const table: SyncedTable = SYNCED_TABLES[received.table];
    this.checkValues(received);
    const change = this.unaliased(received);
    try {
      return this.merge(table, change);
    } catch (error) {
      // The parent row (the client) has not arrived: the foreign key says so, and the change waits for it.
      if (isForeignKeyError(error)) throw new Parked('missing_parent');
      throw error;
    }
  }

  private merge(table: SyncedTable, change: Change): ApplyOutcome {
    switch (table.merge) {
      case 'keyed':
        return this.applyKeyed(change);
      case 'append':
        return this.applyAppend(change);
      case 'row':
        return this.applyRow(change);
      case 'fields':
        return this.applyClient(change);
    }
  }

  /** The change with every client id it names replaced by the id this workstation keeps for that client. */
  private unaliased(change: Change): Change {
    const rowId = change.table === 'clients' ? this.aliasOf(change.rowId) : change.rowId;
    let values = change.values;
    for (const column of CLIENT_REFERENCE_COLUMNS) {
      const id = values[column];
      if (typeof id !== 'string') continue;
      const kept = this.aliasOf(id);
      if (kept !== id) values = { ...values, [column]: kept };
    }
    return rowId === change.rowId && values === change.values ? change : { ...change, rowId, values };
  }

  private aliasOf(id: string): string {
    let kept = this.aliases.get(id);
    if (kept === undefined) {
      const row = this.stmt('SELECT client_id FROM client_aliases WHERE alias_id = ?').get(id) as { client_id: string } | undefined;
      kept = row?.client_id ?? id;
      this.aliases.set(id, kept);
    }
    return kept;
  }

  private allowedColumns(table: Change['table']): Set<string> {
    let allowed = this.allowed.get(table);
    if (!allowed) {
      allowed = new Set([...pulledColumns(table), 'created_at']);
      this.allowed.set(table, allowed);
    }
    return allowed;
  }

  private checkValues(change: Change): void {
    const allowed = this.allowedColumns(change.table);
    for (const [column, value] of Object.entries(change.values)) {
      if (!allowed.has(column)) throw new Parked(`invalid: column ${column}`);
      if (JSON_ARRAY_COLUMNS.has(column) && value !== null) {
        const parsed: unknown = typeof value === 'string' ? safeJson(value) : undefined;
        if (!Array.isArray(parsed)) throw new Parked(`invalid: ${column} is not a list`);
      }
    }
  }

  private exists(table: string, id: string): boolean {
    return this.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  }

  private touch(change: Change, rewriteSearch = false): void {
    const parent = syncedTable(change.table).parentRef;
    if (change.table === 'complaints') this.cases.add(change.rowId);
    if (parent?.table === 'complaints' && typeof change.values[parent.column] === 'string')
      this.cases.add(String(change.values[parent.column]));
    if (change.table === 'events') this.events.add(change.rowId);
    if (parent?.table === 'events' && typeof change.values[parent.column] === 'string')
      this.events.add(String(change.values[parent.column]));
    const ids = change.table === 'clients' ? [change.rowId] : (syncedTable(change.table).clientRefs ?? []).map((c) => change.values[c]);
    for (const id of ids) if (typeof id === 'string') this.derived.touch(id, rewriteSearch);
  }

  private applyKeyed(change: Change): ApplyOutcome {
    const months = typeof change.values.months === 'string' ? decodeMonths(change.values.months) : null;
    if (!months) throw new Parked('invalid: months');
    const clientId = change.values.client_id;
    if (change.op === 'delete') {
      const remove = this.stmt('DELETE FROM client_monthly_assets WHERE client_id = ? AND month = ?');
      for (const m of months) remove.run(clientId, m.month);
    } else if (months.length > 0) {
      // One statement for the whole series (twelve rows a client, 1.2 million in a branch of 100,000).
      const insert = this.stmt(
        `INSERT OR REPLACE INTO client_monthly_assets (client_id, month, avg_daily_fen) VALUES ${months.map(() => '(?, ?, ?)').join(', ')}`,
      );
      insert.run(months.flatMap((m) => [clientId, m.month, m.avgDailyFen]));
    }
    this.touch(change);
    return 'applied';
  }

  /**
   * One prepared INSERT per table over all its columns, positional: a column a change leaves out (or sends as null)
   * takes the table's default — null, or 0 / '[]' where the column cannot be null — through `coalesce`.
   */
  private inserter(table: string): { columns: string[]; statement: Stmt } {
    let found = this.inserters.get(table);
    if (!found) {
      const info = this.ctx.raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string; dflt_value: string | null }[];
      const columns = info.map((c) => c.name);
      const slots = info.map((c) => (c.dflt_value === null ? '?' : `coalesce(?, ${c.dflt_value})`));
      found = { columns, statement: this.ctx.raw.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${slots.join(', ')})`) };
      this.inserters.set(table, found);
    }
    return found;
  }

  private insertRow(change: Change, extra: Row = {}): void {
    const { columns, statement } = this.inserter(change.table);
    const allowed = this.allowedColumns(change.table);
    const base: Row = {
      id: change.rowId,
      branch_id: change.branchId,
      created_at: change.values.created_at ?? this.ctx.nowIso,
      updated_hlc: change.hlc,
      deleted_hlc: change.op === 'delete' ? change.hlc : null,
    };
    const params: Value[] = columns.map((column) => {
      if (column in extra) return extra[column] ?? null;
      if (column in base) return base[column] ?? null;
      return allowed.has(column) ? (change.values[column] ?? null) : null;
    });
    statement.run(params);
  }

  private applyAppend(change: Change): ApplyOutcome {
    if (this.exists(change.table, change.rowId)) return 'unchanged';
    if (change.op === 'delete') return 'unchanged';
    this.insertRow(change);
    this.touch(change);
    return 'applied';
  }

  private applyRow(change: Change): ApplyOutcome {
    const local = this.stmt(`SELECT updated_hlc FROM ${change.table} WHERE id = ?`).get(change.rowId) as
      { updated_hlc: string } | undefined;
    if (!local) {
      if (change.op === 'delete') return 'unchanged';
      if (change.table === 'staff') {
        const login = change.values.login;
        if (typeof login === 'string' && this.stmt('SELECT 1 FROM staff WHERE login = ?').get(login)) throw new Parked('login_taken');
        // An account from head office without a first password cannot sign in until an administrator sets one.
        const v = change.values;
        this.insertRow(change, {
          password_hash: v.password_hash ?? '',
          password_salt: v.password_salt ?? '',
          failed_attempts: 0,
          disabled: v.disabled ?? 0,
          // A first password set by head office is replaced by its owner at first sign-in (issue 9).
          must_change_password: typeof v.password_hash === 'string' && v.password_hash !== '' ? 1 : 0,
        });
      } else {
        this.insertRow(change);
      }
      this.touch(change);
      return 'applied';
    }
    if (change.hlc <= local.updated_hlc) return 'unchanged';
    const set: Row = { updated_hlc: change.hlc, deleted_hlc: change.op === 'delete' ? change.hlc : null };
    for (const [column, value] of Object.entries(change.values)) if (column !== 'created_at') set[column] = value;
    // Head office reset the password: a first password again, to be replaced at the next sign-in.
    if (change.table === 'staff' && typeof set.password_hash === 'string' && set.password_hash !== '') set.must_change_password = 1;
    this.update(change.table, change.rowId, set);
    this.touch(change);
    return 'applied';
  }

  private update(table: string, id: string, set: Row): void {
    const columns = Object.keys(set);
    this.stmt(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id__`).run({ ...set, id__: id });
  }

  private applyClient(change: Change): ApplyOutcome {
    const local = this.stmt('SELECT rowid, * FROM clients WHERE id = ?').get(change.rowId) as (Row & { rowid: number }) | undefined;
    if (!local) {
      if (change.op === 'delete') return 'unchanged';
      for (const column of CLIENT_REQUIRED) if (change.values[column] == null) throw new Parked('incomplete');
      const namesake = this.stmt('SELECT id FROM clients WHERE client_no = ?').get(change.values.client_no) as { id: string } | undefined;
      if (namesake) {
        // The same client under another id (see client_aliases): merged into the one this workstation has.
        this.stmt('INSERT OR IGNORE INTO client_aliases (alias_id, client_id, client_no, at) VALUES (?, ?, ?, ?)').run(
          change.rowId,
          namesake.id,
          change.values.client_no,
          this.ctx.nowIso,
        );
        this.aliases.set(change.rowId, namesake.id);
        return this.applyClient({ ...change, rowId: namesake.id });
      }
      const twin = this.walkInTwin(change);
      if (twin) return this.mergeWalkIn(change, twin);
      const stamps = { '': change.hlc, ...(change.fieldHlcs ?? {}) };
      this.insertRow(change, { ...clientKeyColumns(this.ctx.keys, { ...change.values }), field_hlcs: JSON.stringify(stamps) });
      // Its search entry is written by finish(), once the tier its balances give is known.
      this.touch(change, true);
      return 'applied';
    }

    const stamps = JSON.parse(String(local.field_hlcs ?? '{}')) as Record<string, string>;
    const base = stamps[''] ?? '';
    const set: Row = {};
    if (change.op === 'delete') {
      if (change.hlc <= String(local.deleted_hlc ?? '')) return 'unchanged';
      set.deleted_hlc = change.hlc;
    }
    for (const [column, value] of Object.entries(change.values)) {
      if (column === 'created_at') continue;
      const incoming = change.fieldHlcs?.[column] ?? change.hlc;
      if (incoming <= (stamps[column] ?? base)) continue;
      set[column] = value;
      stamps[column] = incoming;
    }
    if (Object.keys(set).length === 0) return 'unchanged';
    if (change.hlc > String(local.updated_hlc)) set.updated_hlc = change.hlc;
    set.field_hlcs = JSON.stringify(stamps);
    const merged = { ...local, ...set };
    Object.assign(set, clientKeyColumns(this.ctx.keys, merged));
    this.update('clients', change.rowId, set);
    // A new name needs a new search entry.
    this.touch(change, 'name' in set);
    return 'applied';
  }

  /**
   * The client this workstation keeps under the same ID number, when one of the two is a prospect made at an event's
   * door (DOMAIN.md §6: merged with head office's record when the ID number matches). Never for a prospect who gave
   * no ID number, and only when the number names exactly one client here.
   */
  private walkInTwin(change: Change): { id: string; client_no: string } | null {
    if (typeof change.values.id_number !== 'string' || change.values.id_number === '') return null;
    const { id_hash: hash } = clientKeyColumns(this.ctx.keys, change.values);
    const found = this.stmt('SELECT id, client_no FROM clients WHERE id_hash = ? AND deleted_hlc IS NULL LIMIT 2').all(hash) as {
      id: string;
      client_no: string;
    }[];
    const [twin] = found;
    if (found.length !== 1 || !twin) return null;
    return isWalkInClientNo(twin.client_no) || isWalkInClientNo(String(change.values.client_no)) ? twin : null;
  }

  /**
   * One person, two records: the incoming id becomes an alias of the one kept here (everything naming either is the
   * same client). Head office's master data wins over a prospect's; between two prospects (two doors offline), the
   * lower client number's — so every workstation ends with the same client number and name whichever came first.
   * The branch's own columns merge by HLC as always.
   */
  private mergeWalkIn(change: Change, twin: { id: string; client_no: string }): ApplyOutcome {
    const incomingNo = String(change.values.client_no);
    this.stmt('INSERT OR IGNORE INTO client_aliases (alias_id, client_id, client_no, at) VALUES (?, ?, ?, ?)').run(
      change.rowId,
      twin.id,
      incomingNo,
      this.ctx.nowIso,
    );
    this.aliases.set(change.rowId, twin.id);
    const incomingWins = !isWalkInClientNo(incomingNo) || (isWalkInClientNo(twin.client_no) && incomingNo < twin.client_no);
    if (incomingWins) {
      const local = this.stmt('SELECT * FROM clients WHERE id = ?').get(twin.id) as Row;
      const stamps = JSON.parse(String(local.field_hlcs ?? '{}')) as Record<string, string>;
      const set: Row = {};
      for (const column of CLIENT_MASTER_COLUMNS) {
        if (!(column in change.values)) continue;
        set[column] = change.values[column] ?? null;
        const incoming = change.fieldHlcs?.[column] ?? change.hlc;
        const current = stamps[column] ?? stamps[''] ?? '';
        stamps[column] = incoming > current ? incoming : current;
      }
      set.field_hlcs = JSON.stringify(stamps);
      Object.assign(set, clientKeyColumns(this.ctx.keys, { ...local, ...set }));
      this.update('clients', twin.id, set);
      this.touch({ ...change, rowId: twin.id }, true);
    }
    const branch = Object.fromEntries(
      Object.entries(change.values).filter(([column]) => (CLIENT_BRANCH_COLUMNS as readonly string[]).includes(column)),
    );
    if (Object.keys(branch).length > 0) this.applyClient({ ...change, rowId: twin.id, values: branch });
    return 'applied';
  }

  /** Recomputes what is derived for every client the page touched (see ClientRederiver); returns how many. */
  finish(): number {
    refreshCases(this.ctx.raw, this.cases);
    this.cases.clear();
    // Before the clients: a low score is a follow-up on its client's worklist.
    scorePulledResponses(this.ctx.raw);
    const clients = this.derived.finish();
    // After the clients: a guest's relationship manager may have come with this page.
    refreshEvents(this.ctx.raw, this.events);
    this.events.clear();
    return clients;
  }
}

function isForeignKeyError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The search and duplicate-check columns of a client row, made on this device from its master data. */
function clientKeyColumns(maker: ClientKeyMaker, row: Row): Row {
  const keys = maker.of({
    name: String(row.name ?? ''),
    idType: String(row.id_type ?? ''),
    idNumber: String(row.id_number ?? ''),
    mobile: typeof row.mobile === 'string' ? row.mobile : null,
  });
  return {
    id_hash: keys.idHash,
    id_tail: keys.idTail,
    mobile_tail: keys.mobileTail,
    pinyin: keys.terms.pinyin,
    initials: keys.terms.initials,
  };
}
