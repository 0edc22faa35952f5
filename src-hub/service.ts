import crypto from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Clock } from '../src-shared/domain/clock';
import {
  type Change,
  changeProblem,
  MAX_CLOCK_AHEAD_MS,
  type PushRequest,
  enrollRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  type enrollResponseSchema,
  type pushResponseSchema,
  MAX_BATCH_TEXT,
} from '../src-shared/sync/protocol';
import { decodeHlc } from '../src-shared/domain/hlc';
import { SYNCED_TABLES, type SyncedTable } from '../src-shared/sync/tables';
import type { z } from 'zod';
import type { HubDatabase, HubDb } from './db';

/** A refusal with its HTTP status and a message key the workstation translates; nothing was written. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** What a refusal leaves on head office's record (hub_events), besides the answer the device gets. */
export interface HubEventDraft {
  kind: 'audit_rewound' | 'audit_mismatch' | 'audit_restored' | 'audit_accepted' | 'master_columns' | 'enroll_refused';
  detail: Record<string, unknown>;
}

/** A refusal that head office must hear of: the event is recorded even though the request changed nothing. */
export class HubRefusal extends HubError {
  constructor(
    status: number,
    key: string,
    message: string,
    readonly event: HubEventDraft,
    params?: Record<string, string | number>,
  ) {
    super(status, key, message, params);
  }
}

/** A response body already serialized (a pulled page is mostly stored JSON spliced together). */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface Device {
  id: string;
  branchId: string;
}

type HubTrx = Transaction<HubDatabase>;

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread
const CODE_LENGTH = 16;
/** Insert this many changes per statement (PostgreSQL allows 65,535 parameters; SQLite 32,766). */
const INSERT_CHUNK = 500;
/** Master-data loads at least this large refresh PostgreSQL's planner statistics. */
const ANALYZE_AFTER = 10_000;

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Branch ids are short codes head office already uses (e.g. `0931`, `SH-PUDONG`). */
export function checkBranchId(id: string): string {
  if (!/^[0-9A-Za-z_-]{1,40}$/.test(id)) throw new HubError(400, 'sync.bad_branch', `not a branch id: ${id}`);
  return id;
}

export class HubService {
  constructor(
    private readonly hub: HubDb,
    private readonly clock: Clock,
  ) {}

  private get db(): Kysely<HubDatabase> {
    return this.hub.db;
  }

  /** Makes the branch when it is new; an existing branch keeps its name unless one is given. */
  async ensureBranch(id: string, name?: string): Promise<void> {
    checkBranchId(id);
    const now = iso(this.clock.now());
    await this.db
      .insertInto('hub_branches')
      .values({ id, name: name ?? id, created_at: now, revoked_at: null, change_seq: 0 })
      .onConflict((oc) => (name ? oc.column('id').doUpdateSet({ name }) : oc.column('id').doNothing()))
      .execute();
  }

  /** A one-time enrollment code for a workstation of this branch; only its hash is stored. */
  async createEnrollmentCode(branchId: string, ttlHours = 72): Promise<{ code: string; expiresAt: string }> {
    await this.ensureBranch(branchId);
    const branch = await this.db.selectFrom('hub_branches').select('revoked_at').where('id', '=', branchId).executeTakeFirstOrThrow();
    if (branch.revoked_at) throw new HubError(409, 'sync.branch_revoked', `branch ${branchId} is revoked`);
    const bytes = crypto.randomBytes(CODE_LENGTH);
    const code = Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
    const now = this.clock.now();
    const expiresAt = iso(now + ttlHours * 3_600_000);
    await this.db
      .insertInto('hub_enrollment_codes')
      .values({
        code_hash: hashSecret(code),
        branch_id: branchId,
        created_at: iso(now),
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute();
    return { code, expiresAt };
  }

  /** Trades a code for a device token. The code works once; the token is returned once and stored hashed. */
  async enroll(body: unknown): Promise<z.infer<typeof enrollResponseSchema>> {
    const request = parse(enrollRequestSchema, body);
    const now = this.clock.now();
    const token = crypto.randomBytes(32).toString('base64url');
    return this.db.transaction().execute(async (trx) => {
      const code = await trx
        .updateTable('hub_enrollment_codes')
        .set({ used_at: iso(now), used_by: request.deviceId })
        .where('code_hash', '=', hashSecret(request.code))
        .where('used_at', 'is', null)
        .where('expires_at', '>', iso(now))
        .returning('branch_id')
        .executeTakeFirst();
      if (!code) throw new HubError(403, 'sync.enroll_code', 'the enrollment code is unknown, used or expired');
      const branch = await trx.selectFrom('hub_branches').selectAll().where('id', '=', code.branch_id).executeTakeFirstOrThrow();
      if (branch.revoked_at) throw new HubError(403, 'sync.branch_revoked', 'the branch is revoked');
      // Enrollment always makes a new device (issue 9): a code redeemed for a device id the hub knows would otherwise
      // take over that device's token and sequence, and lift its revocation. A re-enrolling workstation brings a
      // new id; a revoked device stays revoked.
      const existing = await trx.selectFrom('hub_devices').select(['id']).where('id', '=', request.deviceId).executeTakeFirst();
      if (existing) throw new HubError(409, 'sync.device_exists', 'this device id is enrolled already; enroll under a new one');
      await trx
        .insertInto('hub_devices')
        .values({
          id: request.deviceId,
          branch_id: branch.id,
          name: request.deviceName,
          token_hash: hashSecret(token),
          enrolled_at: iso(now),
          revoked_at: null,
          last_seen_at: null,
          acked_seq: 0,
          clock_offset_ms: null,
        })
        .execute();
      return { deviceId: request.deviceId, branchId: branch.id, branchName: branch.name, token, hubTime: now };
    });
  }

  /** The device a bearer token belongs to; a wrong or revoked token (or a revoked branch) is refused. */
  async authenticate(authorization: string | undefined): Promise<Device> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    if (!token) throw new HubError(401, 'sync.unauthorized', 'a device token is required');
    const row = await this.db
      .selectFrom('hub_devices')
      .innerJoin('hub_branches', 'hub_branches.id', 'hub_devices.branch_id')
      .select(['hub_devices.id', 'hub_devices.branch_id', 'hub_devices.revoked_at', 'hub_branches.revoked_at as branch_revoked_at'])
      .where('hub_devices.token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || row.branch_revoked_at)
      throw new HubError(401, 'sync.unauthorized', 'the device token is wrong or revoked');
    return { id: row.id, branchId: row.branch_id };
  }

  /**
   * Stores a batch of the device's outbox in one transaction, exactly once: changes at or below the device's
   * acknowledged sequence are replays and skipped. The whole batch is refused (nothing written) when any change
   * is malformed, belongs to another branch, or is stamped too far ahead of the hub's clock.
   */
  async push(device: Device, body: unknown): Promise<z.infer<typeof pushResponseSchema>> {
    const request = parse(pushRequestSchema, body);
    if (request.deviceId !== device.id) throw new HubError(403, 'sync.wrong_device', 'the token belongs to another device');
    const now = this.clock.now();
    checkChanges(request, device, now);
    try {
      return await this.db.transaction().execute(async (trx) => {
        // Taking the device row first serializes pushes of one device across hub processes.
        const state = await trx
          .updateTable('hub_devices')
          .set({
            last_seen_at: iso(now),
            ...(request.clockOffsetMs === undefined ? {} : { clock_offset_ms: Math.round(request.clockOffsetMs) }),
          })
          .where('id', '=', device.id)
          .returning(['acked_seq', 'audit_epoch'])
          .executeTakeFirstOrThrow();
        // The audit anchor first: a device whose log was rewritten sends nothing more until head office looks.
        const auditAsk = request.auditHead ? await anchorAuditHead(trx, device, state.audit_epoch, request, now) : null;
        const fresh = request.changes.filter((c) => c.seq > state.acked_seq).sort((a, b) => a.seq - b.seq);
        const ackedSeq = Math.max(state.acked_seq, ...request.changes.map((c) => c.seq));
        if (fresh.length > 0) {
          await refuseMasterColumns(trx, device, fresh);
          await appendChanges(trx, device.branchId, device.id, fresh, now);
          await trx.updateTable('hub_devices').set({ acked_seq: ackedSeq }).where('id', '=', device.id).execute();
        }
        return { ackedSeq, applied: fresh.length, hubTime: now, auditAsk };
      });
    } catch (error) {
      // The refused push changed nothing; what it shows is kept for head office all the same.
      if (error instanceof HubRefusal) await recordEvent(this.db, device, error.event, now);
      throw error;
    }
  }

  /**
   * Every device's audit anchor: its epoch, newest anchored head, and what the hub recorded about it (refusals,
   * restores, acceptances), newest first. `hub audit-check` prints it; a device with a refusal after its last
   * acceptance is flagged.
   */
  async auditCheck(branchId?: string) {
    const devices = await this.listDevices(branchId);
    const report = [];
    for (const d of devices) {
      const head = await this.db
        .selectFrom('hub_audit_chain')
        .select(['seq', 'hash', 'received_at'])
        .where('device_id', '=', d.id)
        .where('epoch', '=', d.audit_epoch)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const events = await this.db
        .selectFrom('hub_events')
        .select(['n', 'kind', 'detail', 'at'])
        .where('device_id', '=', d.id)
        .orderBy('n', 'desc')
        .execute();
      // Flagged: a refusal after the last time head office (or a declared restore) let the chain start again.
      const lastAccepted = Number(events.find((e) => e.kind === 'audit_accepted' || e.kind === 'audit_restored')?.n ?? 0);
      const flagged = events.some((e) => (e.kind === 'audit_rewound' || e.kind === 'audit_mismatch') && Number(e.n) > lastAccepted);
      report.push({
        deviceId: d.id,
        branchId: d.branch_id,
        name: d.name,
        epoch: d.audit_epoch,
        head: head ? { seq: head.seq, hash: head.hash, receivedAt: head.received_at } : null,
        flagged,
        events: events.map((e) => ({ kind: e.kind, at: e.at, detail: JSON.parse(e.detail) as Record<string, unknown> })),
      });
    }
    return report;
  }

  /**
   * Head office has looked into a device's refused audit log and lets it sync again: its chain starts a new epoch
   * from whatever head it sends next. The acceptance is an event on record, with who asked and why.
   */
  async acceptAuditLog(deviceId: string, reason: string): Promise<boolean> {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const device = await trx
        .updateTable('hub_devices')
        .set((eb) => ({ audit_epoch: eb('audit_epoch', '+', 1) }))
        .where('id', '=', deviceId)
        .returning(['id', 'branch_id', 'audit_epoch'])
        .executeTakeFirst();
      if (!device) return false;
      await recordEvent(
        trx,
        { id: device.id, branchId: device.branch_id },
        { kind: 'audit_accepted', detail: { reason, epoch: device.audit_epoch } },
        now,
      );
      return true;
    });
  }

  /**
   * The branch's changes after the cursor, oldest first, leaving out the device's own (it has them) unless it asks
   * for them (restored from a backup, it has lost the ones made since). The page
   * ends at the branch's sequence as committed when the page was read, so a change still being written by another
   * process cannot be skipped over.
   */
  async pull(device: Device, body: unknown): Promise<RawJson> {
    const request = parse(pullRequestSchema, body);
    const now = this.clock.now();
    const branch = await this.db
      .selectFrom('hub_branches')
      .select('change_seq')
      .where('id', '=', device.branchId)
      .executeTakeFirstOrThrow();
    const head = branch.change_seq;
    // The database writes the page's JSON itself: each change's header, then its stored payload
    // (`{"values":…,"fieldHlcs":…}`) spliced in as it is. One text value comes back instead of 20,000 rows to
    // decode and re-serialize. Every spliced field was checked against its pattern when the change came in.
    const postgres = this.hub.dialect === 'postgres';
    const quote = (column: string) => (postgres ? sql`to_json(${sql.ref(column)})::text` : sql`json_quote(${sql.ref(column)})`);
    const doc = sql<string>`'{"seq":' || seq || ',"table":' || ${quote('table_name')} || ',"rowId":' || ${quote('row_id')} || ',"op":' || ${quote('op')} || ',"hlc":' || ${quote('hlc')} || ',"branchId":' || ${quote('branch_id')} || ',' || substr(payload, 2)`;
    const limited = this.db
      .selectFrom('hub_changes')
      .select(['seq', doc.as('doc'), sql<number>`length(payload)`.as('size')])
      .where('branch_id', '=', device.branchId)
      .where('seq', '>', request.cursor)
      .where('seq', '<=', head)
      .$if(!request.includeOwn, (q) => q.where('origin', '<>', device.id))
      .orderBy('seq')
      .limit(request.limit)
      .as('limited');
    // A page also ends before the change that would take it past the text budget (a file's chunks are large), never
    // before its first change.
    const page = this.db
      .selectFrom(limited)
      .select(['limited.seq', 'limited.doc', sql<number>`sum(limited.size) OVER (ORDER BY limited.seq) - limited.size`.as('before')])
      .as('page');
    const joined = postgres
      ? sql<string | null>`string_agg(page.doc, ',' ORDER BY page.seq) FILTER (WHERE page.before < ${MAX_BATCH_TEXT})`
      : sql<string | null>`group_concat(page.doc, ',' ORDER BY page.seq) FILTER (WHERE page.before < ${MAX_BATCH_TEXT})`;
    const result = await this.db
      .selectFrom(page)
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) FILTER (WHERE page.before < ${MAX_BATCH_TEXT})`.as('kept'),
        sql<number | null>`max(page.seq) FILTER (WHERE page.before < ${MAX_BATCH_TEXT})`.as('last'),
        joined.as('docs'),
      ])
      .executeTakeFirstOrThrow();
    const count = Number(result.n);
    const full = count === request.limit || Number(result.kept) < count;
    const cursor = full && result.last !== null ? Number(result.last) : Math.max(head, request.cursor);
    return new RawJson(`{"changes":[${result.docs ?? ''}],"cursor":${cursor},"more":${full},"hubTime":${now}}`);
  }

  /** Head office's own changes (master data), appended to the branch's feed in one transaction. */
  async appendMasterData(branchId: string, changes: Change[]): Promise<number> {
    await this.ensureBranch(branchId);
    const now = this.clock.now();
    for (const change of changes) {
      const problem = changeProblem(change, 'pull');
      if (problem) throw new HubError(400, problem, `change ${change.seq} (${change.table}) is not valid: ${problem}`);
    }
    await this.db.transaction().execute((trx) => appendChanges(trx, branchId, 'hub', changes, now));
    // After a bulk load PostgreSQL's statistics still describe an empty table, and it would plan a branch's page as
    // a bitmap scan plus a sort spilled to disk instead of a walk along the primary key.
    if (this.hub.dialect === 'postgres' && changes.length >= ANALYZE_AFTER) await sql`ANALYZE hub_changes`.execute(this.db);
    return changes.length;
  }

  /** The row id the branch knows a client number by, when the hub has seen it. */
  async clientIds(branchId: string, clientNos: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < clientNos.length; i += INSERT_CHUNK) {
      const rows = await this.db
        .selectFrom('hub_client_keys')
        .select(['client_no', 'client_id'])
        .where('branch_id', '=', branchId)
        .where('client_no', 'in', clientNos.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const row of rows) found.set(row.client_no, row.client_id);
    }
    return found;
  }

  async listBranches() {
    return this.db
      .selectFrom('hub_branches')
      .leftJoin('hub_devices', (j) => j.onRef('hub_devices.branch_id', '=', 'hub_branches.id').on('hub_devices.revoked_at', 'is', null))
      .select((eb) => [
        'hub_branches.id',
        'hub_branches.name',
        'hub_branches.created_at',
        'hub_branches.revoked_at',
        'hub_branches.change_seq',
        eb.fn.count<number>('hub_devices.id').as('devices'),
      ])
      .groupBy(['hub_branches.id', 'hub_branches.name', 'hub_branches.created_at', 'hub_branches.revoked_at', 'hub_branches.change_seq'])
      .orderBy('hub_branches.id')
      .execute();
  }

  async listDevices(branchId?: string) {
    let query = this.db
      .selectFrom('hub_devices')
      .select(['id', 'branch_id', 'name', 'enrolled_at', 'revoked_at', 'last_seen_at', 'acked_seq', 'clock_offset_ms', 'audit_epoch'])
      .select((eb) =>
        eb
          .selectFrom('hub_events')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('hub_events.device_id', '=', 'hub_devices.id')
          .where('hub_events.kind', 'in', ['audit_rewound', 'audit_mismatch', 'master_columns'])
          .as('refusals'),
      )
      .orderBy('branch_id')
      .orderBy('enrolled_at');
    if (branchId) query = query.where('branch_id', '=', branchId);
    return query.execute();
  }

  async revokeDevice(deviceId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('hub_devices')
      .set({ revoked_at: iso(this.clock.now()) })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes a branch: every device of it is refused from now on, and no new code can be made for it. */
  async revokeBranch(branchId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('hub_branches')
      .set({ revoked_at: iso(this.clock.now()) })
      .where('id', '=', branchId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new HubError(400, 'sync.malformed', `the request is not valid${where ? ` at ${where}` : ''}: ${issue?.message ?? ''}`, {
      path: where,
    });
  }
  return result.data;
}

function checkChanges(request: PushRequest, device: Device, now: number): void {
  for (const change of request.changes) {
    if (change.branchId !== device.branchId) {
      throw new HubError(403, 'sync.other_branch', `change ${change.seq} belongs to branch ${change.branchId}, not ${device.branchId}`, {
        seq: change.seq,
      });
    }
    const problem = changeProblem(change, 'push');
    if (problem) throw new HubError(400, problem, `change ${change.seq} (${change.table}) is not valid: ${problem}`, { seq: change.seq });
    const stamps = [change.hlc, ...Object.values(change.fieldHlcs ?? {})];
    for (const stamp of stamps) {
      const ahead = decodeHlc(stamp).millis - now;
      if (ahead > MAX_CLOCK_AHEAD_MS) {
        throw new HubError(409, 'sync.clock_ahead', `change ${change.seq} is stamped ${Math.round(ahead / 60000)} min ahead of the hub`, {
          minutes: Math.round(ahead / 60000),
        });
      }
    }
  }
}

/**
 * Appends changes to a branch's feed. The sequence numbers come from the branch row, updated first: in PostgreSQL
 * that row stays locked until commit, so within a branch sequence order is commit order and a reader's cursor
 * never passes a change that commits later.
 */
async function appendChanges(trx: HubTrx, branchId: string, origin: string, changes: Change[], now: number): Promise<void> {
  if (changes.length === 0) return;
  const branch = await trx
    .updateTable('hub_branches')
    .set((eb) => ({ change_seq: eb('change_seq', '+', changes.length) }))
    .where('id', '=', branchId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  let seq = branch.change_seq - changes.length;
  const receivedAt = iso(now);
  for (let i = 0; i < changes.length; i += INSERT_CHUNK) {
    const rows = changes.slice(i, i + INSERT_CHUNK).map((c) => ({
      branch_id: branchId,
      seq: ++seq,
      table_name: c.table,
      row_id: c.rowId,
      op: c.op,
      hlc: c.hlc,
      origin,
      payload: JSON.stringify(c.fieldHlcs ? { values: c.values, fieldHlcs: c.fieldHlcs } : { values: c.values }),
      received_at: receivedAt,
    }));
    await trx.insertInto('hub_changes').values(rows).execute();
  }
  const keys = changes
    .filter((c) => c.table === 'clients' && c.op === 'upsert' && typeof c.values.client_no === 'string')
    .map((c) => ({ branch_id: branchId, client_no: c.values.client_no as string, client_id: c.rowId }));
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('hub_client_keys')
      .values(keys.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['branch_id', 'client_no']).doNothing())
      .execute();
  }
}

async function recordEvent(db: Kysely<HubDatabase> | HubTrx, device: Device, event: HubEventDraft, now: number): Promise<void> {
  const last = await db
    .selectFrom('hub_events')
    .select((eb) => eb.fn.max('n').as('n'))
    .where('device_id', '=', device.id)
    .executeTakeFirst();
  await db
    .insertInto('hub_events')
    .values({
      id: crypto.randomUUID(),
      branch_id: device.branchId,
      device_id: device.id,
      n: Number(last?.n ?? 0) + 1,
      kind: event.kind,
      detail: JSON.stringify(event.detail),
      at: iso(now),
    })
    .execute();
}

/**
 * Anchors the device's audit head (issue 9). Within an epoch a device's log only grows: a head behind the newest
 * anchored one, or a hash at the anchored sequence other than the one anchored, means entries were cut or rewritten
 * after head office saw them — refused, and recorded. A device restored from a backup says so, and its chain starts a
 * new epoch (recorded too). Returns the sequence whose hash the device must bring next time.
 */
async function anchorAuditHead(trx: HubTrx, device: Device, epoch: number, request: PushRequest, now: number): Promise<number> {
  const head = request.auditHead;
  if (!head) throw new Error('no audit head');
  const anchored = await trx
    .selectFrom('hub_audit_chain')
    .select(['seq', 'hash'])
    .where('device_id', '=', device.id)
    .where('epoch', '=', epoch)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let current = epoch;
  if (anchored) {
    const rewound = head.seq < anchored.seq;
    const atAnchor = request.auditAt;
    const sameSeqDiffers = head.seq === anchored.seq && head.hash !== anchored.hash;
    const anchorDiffers = atAnchor !== undefined && atAnchor.seq === anchored.seq && atAnchor.hash !== anchored.hash;
    if (rewound || sameSeqDiffers || anchorDiffers) {
      const detail = { anchored: { seq: anchored.seq, hash: anchored.hash }, sent: head, at: atAnchor ?? null, epoch };
      if (!request.auditRestored) {
        throw new HubRefusal(
          409,
          'sync.audit_rewritten',
          `the audit log of device ${device.id} does not continue the one head office anchored at entry ${anchored.seq}`,
          { kind: rewound ? 'audit_rewound' : 'audit_mismatch', detail },
          { seq: anchored.seq },
        );
      }
      current = epoch + 1;
      await trx.updateTable('hub_devices').set({ audit_epoch: current }).where('id', '=', device.id).execute();
      await recordEvent(trx, device, { kind: 'audit_restored', detail }, now);
    } else if (head.seq > anchored.seq && atAnchor?.seq !== anchored.seq) {
      // The head moved on: the device must show its hash where the hub anchored last, or nothing below is proven.
      throw new HubError(409, 'sync.audit_ask', `send the audit hash at entry ${anchored.seq}`, { seq: anchored.seq });
    }
  }
  await trx
    .insertInto('hub_audit_chain')
    .values({ device_id: device.id, epoch: current, seq: head.seq, hash: head.hash, received_at: iso(now) })
    .onConflict((oc) => oc.columns(['device_id', 'epoch', 'seq']).doNothing())
    .execute();
  return head.seq;
}

/**
 * Head office's master columns (ID number, mobile, manager …) come from head office. A workstation may set them only
 * in the change that brings a new row to the hub — a client the branch imported — and never change them later: a
 * push that tries is refused whole, and recorded.
 */
async function refuseMasterColumns(trx: HubTrx, device: Device, changes: Change[]): Promise<void> {
  for (const change of changes) {
    const master = SYNCED_TABLES[change.table] as SyncedTable;
    const columns = (master.masterColumns ?? []).filter((c) => c in change.values || c in (change.fieldHlcs ?? {}));
    if (columns.length === 0) continue;
    const known = await trx
      .selectFrom('hub_changes')
      .select('seq')
      .where('branch_id', '=', device.branchId)
      .where('table_name', '=', change.table)
      .where('row_id', '=', change.rowId)
      .limit(1)
      .executeTakeFirst();
    if (known) {
      throw new HubRefusal(
        403,
        'sync.master_columns',
        `change ${change.seq} would change head office's ${columns.join(', ')} of ${change.table} ${change.rowId}`,
        { kind: 'master_columns', detail: { seq: change.seq, table: change.table, rowId: change.rowId, columns } },
        { seq: change.seq },
      );
    }
  }
}
