import os from 'node:os';
import type { Transaction } from 'kysely';
import { AppError } from '../../src-shared/contract/errors';
import { uuidv7 } from '../../src-shared/domain/ids';
import type { SyncError, SyncStatus } from '../../src-shared/contract/sync';
import { type Change, MAX_PULL_CHANGES, type PushResponse } from '../../src-shared/sync/protocol';
import { ROW_TABLES } from '../../src-shared/sync/tables';
import { type AppCore, todayOf } from '../app';
import { ClientKeyMaker } from '../clients/bulk';
import { idHashKey } from '../clients/id-hash';
import { demoHoldings, holdsDemoData } from '../demo/rows';
import type { JobControl } from '../jobs';
import type { Database } from '../store/schema';
import { ChangeApplier } from './apply';
import { auditProof, rememberAuditAsk } from './audit-anchor';
import { receiveStamp } from './device-clock';
import { HubClient, SyncFailure, type Exchange } from './hub-client';
import { readOutboxBatch } from './push';
import { clearRestoreMark, readRestoreMark, rejoinAfterRestore, type RestoreMark } from './restore';
import { restampFuture } from './restamp';
import { deviceIdentity, readState, SYNC_STATE as KEYS, UNENROLLED_BRANCH, writeState } from './state';

/** Past this offset from the hub's clock staff are told to have the clock fixed (stamps are corrected anyway). */
export const CLOCK_WARN_MS = 2 * 60 * 1000;

export interface SyncOptions {
  /** Outbox entries per push (the hub takes at most 2,000). */
  pushBatch: number;
  /** Changes per pulled page, each applied in one transaction. */
  pullPage: number;
  /** Between automatic syncs when all is well. */
  intervalMs: number;
  /** First retry after a failure; doubles per failure up to `maxBackoffMs`, with jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  requestTimeoutMs: number;
  random: () => number;
}

const DEFAULTS: SyncOptions = {
  pushBatch: 1000,
  pullPage: MAX_PULL_CHANGES,
  intervalMs: 60_000,
  backoffMs: 5_000,
  maxBackoffMs: 15 * 60_000,
  requestTimeoutMs: 60_000,
  random: Math.random,
};

export interface SyncResult {
  pushed: number;
  pulled: number;
}

type Trx = Transaction<Database>;

/**
 * The workstation's side of sync (DESIGN.md): push the outbox in batches, pull the branch's changes page by page,
 * each page applied with its cursor in one transaction; never a transaction held across the network. Runs on demand
 * and on a timer that backs off with jitter while the hub cannot be reached.
 */
export class SyncService {
  private readonly options: SyncOptions;
  private running = false;
  /** The sync running or queued last; the next one waits for it. */
  private current: Promise<SyncResult> | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private nextAttemptAt: number | null = null;
  private stopped = true;

  /** Told after a sync that brought changes (the workstation rebuilds the branch's figures from them). */
  onPulled: (() => void) | null = null;

  constructor(
    private readonly app: AppCore,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  private get db() {
    return this.app.store.db;
  }

  async status(): Promise<SyncStatus> {
    return this.db.transaction().execute(async (trx) => {
      const { deviceId, branchId } = await deviceIdentity(trx, this.app.clock);
      const hubUrl = (await readState(trx, KEYS.hubUrl)) ?? null;
      const token = await readState(trx, KEYS.token);
      const offsetText = await readState(trx, KEYS.clockOffset);
      const offset = offsetText === undefined ? null : Number(offsetText);
      const errorText = await readState(trx, KEYS.lastError);
      const { n } = await trx
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const parked = await trx
        .selectFrom('sync_parked')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const demo = await demoHoldings(trx);
      return {
        enrolled: Boolean(token),
        hubUrl,
        branchId: branchId === UNENROLLED_BRANCH ? null : branchId,
        deviceId,
        lastSuccessAt: (await readState(trx, KEYS.lastSuccess)) ?? null,
        lastAttemptAt: (await readState(trx, KEYS.lastAttempt)) ?? null,
        pendingChanges: Number(n),
        parkedChanges: Number(parked.n),
        running: this.running,
        lastError: errorText ? (JSON.parse(errorText) as SyncError) : null,
        nextAttemptAt: this.nextAttemptAt === null ? null : new Date(this.nextAttemptAt).toISOString(),
        clockOffsetMs: offset,
        clockWrong: offset !== null && Math.abs(offset) > CLOCK_WARN_MS,
        demoClients: demo.clients,
        restoring: (await readRestoreMark(trx)) !== null,
      };
    });
  }

  /** Tells every window where sync stands (the status dot, the Sync page). */
  async announce(): Promise<void> {
    this.app.emit(null, 'sync.status', await this.status());
  }

  /**
   * Trades a one-time code for this workstation's token. Rows written before enrollment take the branch it gives.
   * A workstation of one branch cannot be enrolled into another (its data would follow it), and one holding demo
   * data is not enrolled at all until the demo data is removed (it would reach head office and every workstation
   * of the branch).
   */
  async enroll(hubUrl: string, code: string, signal?: AbortSignal): Promise<SyncStatus> {
    const demo = await demoHoldings(this.db);
    if (holdsDemoData(demo)) {
      throw new AppError('CONFLICT', 'errors.sync.demo_data', 'remove the demo data before enrolling this workstation', {
        params: { clients: demo.clients },
      });
    }
    const { branchId } = await this.db.transaction().execute((trx) => deviceIdentity(trx, this.app.clock));
    // Every enrollment makes a new device at the hub, which never hands a known device id a new token (issue 9): a
    // workstation enrolling again (after a revocation, a lost token) comes under a new id, kept only once it is in.
    const deviceId = uuidv7(this.app.clock.now());
    const client = new HubClient(hubUrl, null, () => this.app.clock.now(), this.options.requestTimeoutMs, this.app.settings.hubCaPem);
    let exchange: Exchange<{ branchId: string; branchName: string; token: string; hubTime: number }>;
    try {
      exchange = await this.exchange(() => client.enroll({ code, deviceId, deviceName: os.hostname().slice(0, 200) }, signal));
    } catch (error) {
      throw toAppError(error);
    }
    const answer = exchange.value;
    if (branchId !== UNENROLLED_BRANCH && branchId !== answer.branchId) {
      throw new AppError('CONFLICT', 'errors.sync.already_enrolled', `this workstation belongs to branch ${branchId}`, {
        params: { branch: branchId },
      });
    }
    await this.db.transaction().execute(async (trx) => {
      await writeState(trx, KEYS.deviceId, deviceId);
      await writeState(trx, KEYS.hubUrl, hubUrl);
      await writeState(trx, KEYS.token, answer.token);
      await writeState(trx, KEYS.branchName, answer.branchName);
      await writeState(trx, KEYS.branchId, answer.branchId);
      await writeState(trx, KEYS.clockOffset, String(offsetOf(exchange, answer.hubTime)));
      await trx.deleteFrom('device_state').where('key', '=', KEYS.lastError).execute();
      if (branchId === UNENROLLED_BRANCH) {
        // Every table with a branch column, as the registry lists them: a table missing here would hold rows the
        // hub refuses for good (issue 8: a reminder done before enrolling stopped all sync).
        for (const table of ROW_TABLES) {
          await trx
            .updateTable(table as 'contacts')
            .set({ branch_id: answer.branchId })
            .where('branch_id', '=', UNENROLLED_BRANCH)
            .execute();
        }
      }
    });
    if (!this.stopped) this.schedule(0);
    await this.announce();
    return this.status();
  }

  /**
   * Runs one sync: push everything pending, then pull until the hub has nothing more. Asked while a sync is running
   * (Sync now pressed during an automatic one), it waits for that one and then runs, so nothing asked is skipped.
   */
  async syncNow(job?: JobControl): Promise<SyncResult> {
    const previous = this.current;
    const run = (async () => {
      await previous?.catch(() => undefined);
      return this.runOnce(job);
    })();
    this.current = run;
    try {
      return await run;
    } finally {
      if (this.current === run) this.current = null;
    }
  }

  private async runOnce(job?: JobControl): Promise<SyncResult> {
    const config = await this.db.transaction().execute(async (trx) => ({
      hubUrl: await readState(trx, KEYS.hubUrl),
      token: await readState(trx, KEYS.token),
    }));
    if (!config.hubUrl || !config.token)
      throw new AppError('CONFLICT', 'errors.sync.not_enrolled', 'this workstation is not enrolled with a hub');
    this.running = true;
    this.clearTimer();
    const client = new HubClient(
      config.hubUrl,
      config.token,
      () => this.app.clock.now(),
      this.options.requestTimeoutMs,
      this.app.settings.hubCaPem,
    );
    await this.saveState({ [KEYS.lastAttempt]: this.nowIso() });
    await this.announce();
    try {
      const { deviceId, restored } = await this.db.transaction().execute(async (trx) => ({
        ...(await deviceIdentity(trx, this.app.clock)),
        restored: await readRestoreMark(trx),
      }));
      if (restored?.phase === 'rejoin') await this.rejoin(client, deviceId, restored, job);
      const pushed = await this.pushAll(client, deviceId, restored !== null, job);
      // Restored from a backup: this device's own changes made after the backup come back too, until caught up.
      const pulled = await this.pullAll(client, job, pushed, restored !== null);
      this.failures = 0;
      await this.saveState({ [KEYS.lastSuccess]: this.nowIso(), [KEYS.lastError]: null });
      if (pulled > 0) this.onPulled?.();
      return { pushed, pulled };
    } catch (error) {
      const cancelledByStaff = error instanceof SyncFailure && error.key === 'errors.sync.cancelled';
      if (!cancelledByStaff) {
        this.failures++;
        // A failure here at the workstation (not the hub's) is recorded too: the Sync page must never look fine.
        const failure =
          error instanceof SyncFailure
            ? { key: error.key, params: error.params }
            : { key: 'errors.sync.local', params: { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) } };
        await this.saveState({ [KEYS.lastError]: JSON.stringify({ ...failure, at: this.nowIso() } satisfies SyncError) }).catch(
          () => undefined,
        );
      }
      throw toAppError(error);
    } finally {
      this.running = false;
      this.schedule();
      await this.announce();
    }
  }

  /**
   * After a restore (see restore.ts): a push of nothing but the restored audit head (declared as restored) tells where
   * the hub stands with this device, and the outbox is renumbered above it before anything is sent.
   */
  private async rejoin(client: HubClient, deviceId: string, mark: RestoreMark, job?: JobControl): Promise<void> {
    const answer = await this.send(client, deviceId, [], true, job);
    await this.db.transaction().execute((trx) => rejoinAfterRestore(trx, mark, answer.value.ackedSeq));
  }

  /**
   * One push: the changes with the audit proof (issue 9: the head goes on every sync, even with nothing else to send).
   * When the hub asks for the hash at the sequence it anchored last, the push is sent again with it, once.
   */
  private async send(
    client: HubClient,
    deviceId: string,
    changes: Change[],
    restored: boolean,
    job?: JobControl,
  ): Promise<Exchange<PushResponse>> {
    for (let asked = false; ; asked = true) {
      const proof = await auditProof(this.db, restored);
      const offset = await this.db.transaction().execute((trx) => readState(trx, KEYS.clockOffset));
      const clockOffsetMs = offset === undefined ? undefined : Number(offset);
      try {
        const exchange = await this.exchange(() =>
          client.push({ deviceId, changes, ...proof, ...(clockOffsetMs === undefined ? {} : { clockOffsetMs }) }, job?.signal),
        );
        if (typeof exchange.value.auditAsk === 'number') await rememberAuditAsk(this.db, exchange.value.auditAsk);
        return exchange;
      } catch (error) {
        if (!asked && error instanceof SyncFailure && error.key === 'errors.sync.audit_ask' && typeof error.params.seq === 'number') {
          await rememberAuditAsk(this.db, error.params.seq);
          continue;
        }
        throw error;
      }
    }
  }

  private async pushAll(client: HubClient, deviceId: string, restored: boolean, job?: JobControl): Promise<number> {
    const pending = await this.pendingCount();
    let pushed = 0;
    let exchanged = false;
    let restamped = false;
    for (;;) {
      cancelled(job);
      const batch = await readOutboxBatch(this.db, this.options.pushBatch);
      if (!batch) {
        // Nothing (more) to send: the audit head still goes, so reveals, exports and sign-ins are anchored too.
        if (!exchanged) await this.send(client, deviceId, [], restored, job);
        return pushed;
      }
      if (batch.changes.length > 0) {
        let exchange: Exchange<PushResponse>;
        try {
          exchange = await this.send(client, deviceId, batch.changes, restored, job);
          exchanged = true;
        } catch (error) {
          // Stamped ahead of the hub (the clock ran fast while offline): correct the pending stamps once, resend.
          if (error instanceof SyncFailure && error.key === 'errors.sync.clock' && error.hubTime !== undefined && !restamped) {
            restamped = true;
            const offset = Math.round(this.app.clock.now() - error.hubTime);
            await this.db.transaction().execute((trx) => restampFuture(trx, this.app.clock, offset));
            continue;
          }
          throw error;
        }
        if (exchange.value.ackedSeq < batch.changes.at(-1)!.seq) {
          throw new SyncFailure('errors.sync.protocol', 'the hub acknowledged less than it was sent', true);
        }
      }
      // Acknowledged (or nothing in it travels): the covered entries leave the outbox.
      await this.db.deleteFrom('outbox').where('seq', '<=', batch.lastSeq).execute();
      pushed += batch.changes.length;
      job?.progress(pushed, Math.max(pending, pushed));
    }
  }

  private async pullAll(client: HubClient, job: JobControl | undefined, pushed: number, includeOwn: boolean): Promise<number> {
    // A long pull writes many pages: checkpoint the WAL into the database once every ~64 MB rather than every 4 MB.
    const raw = this.app.store.raw;
    const checkpointPages = raw.pragma('wal_autocheckpoint', { simple: true }) as number;
    raw.pragma('wal_autocheckpoint = 16384');
    try {
      return await this.pullPages(client, job, pushed, includeOwn);
    } finally {
      raw.pragma(`wal_autocheckpoint = ${checkpointPages}`);
    }
  }

  private async pullPages(client: HubClient, job: JobControl | undefined, pushed: number, includeOwn: boolean): Promise<number> {
    const limit = Math.min(this.options.pullPage, MAX_PULL_CHANGES);
    const fetchPage = (cursor: number) => this.exchange(() => client.pull({ cursor, limit, includeOwn }, job?.signal));
    let cursor = Number((await this.db.transaction().execute((trx) => readState(trx, KEYS.cursor))) ?? 0);
    let next = fetchPage(cursor);
    let pulled = 0;
    for (;;) {
      cancelled(job);
      const page = (await next).value;
      // The next page is asked for while this one is applied: the hub works while the workstation writes.
      if (page.more) {
        next = fetchPage(page.cursor);
        next.catch(() => undefined);
      }
      const from = cursor;
      await this.db.transaction().execute(async (trx) => {
        // The page and its cursor commit together: a cut here means the page is pulled again, never half-applied.
        const current = Number((await readState(trx, KEYS.cursor)) ?? 0);
        if (current !== from) throw new SyncFailure('errors.sync.busy', 'another sync moved the cursor', true);
        if (page.changes.length > 0) await this.applyPage(trx, page.changes);
        await writeState(trx, KEYS.cursor, String(page.cursor));
        if (includeOwn && !page.more) await clearRestoreMark(trx);
      });
      cursor = page.cursor;
      pulled += page.changes.length;
      job?.progress(pushed + pulled, pushed + pulled + (page.more ? limit : 0));
      if (!page.more) return pulled;
    }
  }

  private async applyPage(trx: Trx, changes: Parameters<ChangeApplier['apply']>[0][]): Promise<void> {
    const applier = new ChangeApplier({
      raw: this.app.store.raw,
      policy: this.app.settings,
      today: todayOf(this.app),
      keys: new ClientKeyMaker(await idHashKey(trx)),
      nowIso: this.nowIso(),
    });
    for (const change of changes) applier.apply(change);
    applier.retryParked();
    applier.finish();
    // Later local stamps sort after everything received.
    if (applier.maxHlc) await receiveStamp(trx, this.app.clock, applier.maxHlc);
  }

  /** Runs one request and records the clock offset it measured. */
  private async exchange<T extends { hubTime: number }>(request: () => Promise<Exchange<T>>): Promise<Exchange<T>> {
    try {
      const exchange = await request();
      await this.saveState({ [KEYS.clockOffset]: String(offsetOf(exchange, exchange.value.hubTime)) });
      return exchange;
    } catch (error) {
      if (error instanceof SyncFailure && error.hubTime !== undefined) {
        const now = this.app.clock.now();
        await this.saveState({ [KEYS.clockOffset]: String(Math.round(now - error.hubTime)) });
      }
      throw error;
    }
  }

  private async pendingCount(): Promise<number> {
    const { n } = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Resolves once no sync is running. */
  async settled(): Promise<void> {
    await this.current?.catch(() => undefined);
  }

  private async saveState(values: Record<string, string | null>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) await trx.deleteFrom('device_state').where('key', '=', key).execute();
        else await writeState(trx, key, value);
      }
    });
  }

  private nowIso(): string {
    return new Date(this.app.clock.now()).toISOString();
  }

  /** Starts automatic syncing: now, then every interval, backing off after failures. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAttemptAt = null;
  }

  /** The delay before the next automatic attempt. */
  nextDelay(): number {
    return backoffDelay(this.failures, this.options);
  }

  private schedule(delay = this.nextDelay()): void {
    this.clearTimer();
    if (this.stopped) return;
    this.nextAttemptAt = this.app.clock.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.nextAttemptAt = null;
      // Not enrolled yet, or a sync already running: look again after the interval.
      this.syncNow()
        .catch(() => undefined)
        .finally(() => {
          if (!this.timer && !this.running) this.schedule();
        });
    }, delay);
    this.timer.unref();
  }
}

/** The interval when all is well; after n failures 2^(n-1) × backoff, capped, drawn between half and all of it. */
export function backoffDelay(failures: number, options: Pick<SyncOptions, 'intervalMs' | 'backoffMs' | 'maxBackoffMs' | 'random'>): number {
  if (failures === 0) return options.intervalMs;
  const ceiling = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}

function offsetOf(exchange: { sentAt: number; receivedAt: number }, hubTime: number): number {
  return Math.round((exchange.sentAt + exchange.receivedAt) / 2 - hubTime);
}

function cancelled(job?: JobControl): void {
  if (job?.signal.aborted) throw new SyncFailure('errors.sync.cancelled', 'sync cancelled', false);
}

function toAppError(error: unknown): unknown {
  if (!(error instanceof SyncFailure)) return error;
  const code = error.key === 'errors.sync.unauthorized' ? 'FORBIDDEN' : error.key === 'errors.sync.refused' ? 'VALIDATION' : 'CONFLICT';
  return new AppError(code, error.key, error.message, { params: error.params });
}
