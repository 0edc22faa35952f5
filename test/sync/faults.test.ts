import { afterEach, describe, expect, it } from 'vitest';
import { openHubDb } from '../../src-hub/db';
import { startHubServer } from '../../src-hub/server';
import { HubClient } from '../../src-main/sync/hub-client';
import { readOutboxBatch } from '../../src-main/sync/push';
import type { Envelope } from '../../src-shared/contract/errors';
import { encodeHlc } from '../../src-shared/domain/hlc';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, lossyProxy, masterClients, spawnHub, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

const STAFF = 'counter-window';
const BRANCH = '0931';
const HOUR = 3_600_000;
const PASSWORD = 'counter-pass-2026';

async function ok<T = unknown>(promise: Promise<Envelope<unknown>>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(`${res.error.key}: ${res.error.message}`);
  return res.value as T;
}

function count(w: Workstation, table: string): number {
  return (w.store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function logContacts(w: Workstation, clientId: string, n: number, note = '电话回访'): Promise<void> {
  await unlocked(w);
  for (let i = 0; i < n; i++) {
    await ok(w.call(STAFF, 'clients.logContact', { clientId, channel: 'phone', content: `${note} #${i}`, result: null }));
  }
}

/**
 * Days pass in these tests: the idle lock closes the session and the clerk unlocks it, or (past a working day) the
 * session has ended and the clerk signs in again.
 */
async function unlocked(w: Workstation): Promise<void> {
  const state = await ok<{ session: { locked: boolean } | null }>(w.call(STAFF, 'auth.state', {}));
  if (!state.session) await ok(w.call(STAFF, 'auth.signIn', { login: 'admin', password: PASSWORD }));
  else if (state.session.locked) await ok(w.call(STAFF, 'auth.unlock', { password: PASSWORD }));
}

/** What the hub stored from one device: every change once, none twice. */
async function hubChangesFrom(hub: TestHub, deviceId: string): Promise<{ total: number; distinct: number }> {
  const rows = await hub.db.db.selectFrom('hub_changes').select(['row_id']).where('origin', '=', deviceId).execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.row_id)).size };
}

function deviceIdOf(w: Workstation): string {
  return (w.store.raw.prepare("SELECT value FROM device_state WHERE key = 'device_id'").get() as { value: string }).value;
}

function clientRow(w: Workstation, id: string): Record<string, unknown> {
  return w.store.raw
    .prepare('SELECT name, preferred_channel, occupation, employer, financial_goals, tier, lifecycle FROM clients WHERE id = ?')
    .get(id) as Record<string, unknown>;
}

describe.each(HUB_KINDS)('sync under faults, %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function branch(names = ['张建国', '单雪梅', '曾乐'], hubUrl?: () => string) {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    const master = masterClients(hub.clock, BRANCH, names);
    await hub.server.service.appendMasterData(BRANCH, master.changes);
    const add = async (options: Parameters<typeof workstation>[0] = {}): Promise<Workstation> => {
      const w = await workstation(options);
      cleanups.push(() => w.cleanup());
      await withAdmin(w, STAFF);
      const { code } = await hub.server.service.createEnrollmentCode(BRANCH);
      await w.sync.enroll(hubUrl ? hubUrl() : hub.url, code);
      await w.sync.syncNow();
      return w;
    };
    return { hub, clients: master.clients, add };
  }

  it('loses and doubles nothing when the hub process dies in the middle of a push and comes back', async () => {
    const { hub, clients, add } = await branch();
    const a = await add({ pushBatch: 50 });
    const b = await add();
    const port = Number(new URL(hub.url).port);
    await hub.stop();
    let proc = await spawnHub(hub, port);
    await logContacts(a, clients[0]!.id, 1200);

    const running = a.sync.syncNow().then(
      () => null,
      (error: unknown) => error,
    );
    // Kill the hub as soon as the first batch is acknowledged: the next one is in flight or about to be.
    while (count(a, 'outbox') === 1200) await new Promise((r) => setImmediate(r));
    await proc.kill();
    expect(await running).toMatchObject({ key: 'errors.sync.unreachable' });
    expect((await a.sync.status()).lastError?.key).toBe('errors.sync.unreachable');
    expect(count(a, 'outbox')).toBeGreaterThan(0);

    proc = await spawnHub(hub, port);
    cleanups.push(() => proc.kill());
    await a.sync.syncNow();
    expect(count(a, 'outbox')).toBe(0);
    expect(await hubChangesFrom(hub, deviceIdOf(a))).toEqual({ total: 1200, distinct: 1200 });
    await b.sync.syncNow();
    expect(count(b, 'contacts')).toBe(1200);
  }, 90_000);

  it('stores a batch delivered twice, and one whose answer was lost, exactly once', async () => {
    const proxies: { close(): Promise<void> }[] = [];
    cleanups.push(async () => {
      for (const p of proxies) await p.close();
    });
    // The workstation talks to the hub through a proxy that can lose answers.
    const via = { url: '' };
    const { hub, clients, add } = await branch(undefined, () => via.url);
    const proxy = await lossyProxy(hub.url);
    proxies.push(proxy);
    via.url = proxy.url;
    const a = await add();

    // The same batch twice, straight to the hub.
    await logContacts(a, clients[1]!.id, 10);
    const batch = await readOutboxBatch(a.store.db, 100);
    const token = (a.store.raw.prepare("SELECT value FROM device_state WHERE key = 'sync_token'").get() as { value: string }).value;
    const direct = new HubClient(hub.url, token);
    const body = { deviceId: deviceIdOf(a), changes: batch!.changes, auditHead: null };
    const first = await direct.push(body);
    const again = await direct.push(body);
    expect(first.value.applied).toBe(10);
    expect(again.value).toMatchObject({ applied: 0, ackedSeq: first.value.ackedSeq });

    // The hub commits, the answer never arrives: the workstation sends again and the hub skips it.
    await logContacts(a, clients[1]!.id, 5, '面谈');
    proxy.loseAnswers(1);
    await expect(a.sync.syncNow()).rejects.toMatchObject({ key: 'errors.sync.unreachable' });
    expect(count(a, 'outbox')).toBe(15);
    await a.sync.syncNow();
    expect(count(a, 'outbox')).toBe(0);
    expect(await hubChangesFrom(hub, deviceIdOf(a))).toEqual({ total: 15, distinct: 15 });
  });

  it.each(['a first', 'b first'])('converges when two workstations edit one client offline (%s)', async (order) => {
    const { clients, add } = await branch();
    const a = await add();
    const b = await add();
    const id = clients[2]!.id;
    await ok(
      a.call(STAFF, 'clients.updateProfile', {
        id,
        changes: { preferredChannel: 'wechat', occupation: '教师', financialGoals: '子女教育' },
      }),
    );
    b.clock.advance(1_000);
    await ok(b.call(STAFF, 'clients.updateProfile', { id, changes: { preferredChannel: 'phone', employer: '浦东新区第一中学' } }));
    const [first, second] = order === 'a first' ? [a, b] : [b, a];
    await first.sync.syncNow();
    await second.sync.syncNow();
    await first.sync.syncNow();
    const rowA = clientRow(a, id);
    const rowB = clientRow(b, id);
    expect(rowA).toEqual(rowB);
    // Field by field: the later edit of the shared field wins, each side's other field survives.
    expect(rowA).toMatchObject({
      preferred_channel: 'phone',
      occupation: '教师',
      employer: '浦东新区第一中学',
      financial_goals: '子女教育',
    });
  });

  it('a reminder done at one workstation is gone at the other after both sync', async () => {
    const { clients, add } = await branch();
    const a = await add();
    const b = await add();
    const clientId = clients[1]!.id;
    type Reminders = { reminders: { key: string; kind: string }[] };
    const before = await ok<Reminders>(b.call(STAFF, 'reminders.forClient', { clientId }));
    const cadence = before.reminders[0];
    expect(cadence, JSON.stringify(before)).toBeDefined();
    await ok(
      a.call(STAFF, 'reminders.act', { clientId, key: cadence!.key, action: 'dismissed', reason: '客户已移居外地，改由异地网点服务' }),
    );
    await a.sync.syncNow();
    await b.sync.syncNow();
    const after = await ok<Reminders>(b.call(STAFF, 'reminders.forClient', { clientId }));
    expect(after.reminders.map((r) => r.key)).not.toContain(cadence!.key);
  });

  it('catches up after a week offline with thousands of changes and a clock two hours fast', async () => {
    const { hub, clients, add } = await branch();
    const a = await add({ pushBatch: 500 });
    const b = await add();
    const id = clients[0]!.id;
    a.clock.advance(2 * HOUR); // the clock goes wrong while the workstation is offline
    for (let day = 0; day < 7; day++) {
      await logContacts(a, clients[day % 3]!.id, 300, `第${day + 1}天`);
      for (const clock of [a.clock, b.clock, hub.clock]) clock.advance(24 * HOUR);
    }
    // An hour (real time) before b's edit; a's own clock says an hour after it.
    a.clock.advance(-HOUR);
    hub.clock.advance(-HOUR);
    b.clock.advance(-HOUR);
    await unlocked(a);
    await ok(a.call(STAFF, 'clients.updateProfile', { id, changes: { preferredChannel: 'visit' } }));
    for (const clock of [a.clock, b.clock, hub.clock]) clock.advance(HOUR);
    await unlocked(b);
    await ok(b.call(STAFF, 'clients.updateProfile', { id, changes: { preferredChannel: 'email' } }));
    await b.sync.syncNow();

    const result = await a.sync.syncNow();
    expect(result.pushed).toBe(2101);
    expect(await hubChangesFrom(hub, deviceIdOf(a))).toEqual({ total: 2101, distinct: 2101 });
    const status = await a.sync.status();
    expect(status.clockWrong).toBe(true);
    expect(Math.round((status.clockOffsetMs ?? 0) / 60_000)).toBe(120);
    // Head office sees the machine with the wrong clock.
    const [device] = await hub.server.service.listDevices(BRANCH).then((all) => all.filter((d) => d.id === deviceIdOf(a)));
    expect(Math.round((device?.clock_offset_ms ?? 0) / 60_000)).toBe(120);
    await b.sync.syncNow();
    expect(count(b, 'contacts')).toBe(2100);
    // b's edit came later in real time: a's fast clock does not let its older edit win.
    expect(clientRow(a, id).preferred_channel).toBe('email');
    expect(clientRow(b, id).preferred_channel).toBe('email');
    // And a's next edit, stamped with the corrected clock, still wins as the newest.
    a.clock.advance(60_000);
    await unlocked(a);
    await ok(a.call(STAFF, 'clients.updateProfile', { id, changes: { preferredChannel: 'sms' } }));
    await a.sync.syncNow();
    await b.sync.syncNow();
    expect(clientRow(b, id).preferred_channel).toBe('sms');
  }, 120_000);

  it('refuses malformed, oversized, unauthenticated and other-branch requests, writing nothing', async () => {
    const { hub, clients, add } = await branch();
    const a = await add();
    await logContacts(a, clients[0]!.id, 2);
    const batch = (await readOutboxBatch(a.store.db, 10))!;
    const token = (a.store.raw.prepare("SELECT value FROM device_state WHERE key = 'sync_token'").get() as { value: string }).value;
    const before = await hub.db.db.selectFrom('hub_changes').select('seq').execute();
    const post = (path: string, body: string, auth = token) =>
      fetch(`${hub.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
        body,
      });
    const errorKey = async (res: Response) => ((await res.json()) as { error: { key: string } }).error.key;

    let res = await post('/v1/push', '{"deviceId": ');
    expect([res.status, await errorKey(res)]).toEqual([400, 'sync.malformed']);
    res = await post(
      '/v1/push',
      JSON.stringify({ deviceId: deviceIdOf(a), changes: [{ ...batch.changes[0], table: 'audit_log' }], auditHead: null }),
    );
    expect([res.status, await errorKey(res)]).toEqual([400, 'sync.malformed']);
    res = await post(
      '/v1/push',
      JSON.stringify({ deviceId: deviceIdOf(a), changes: [{ ...batch.changes[0], values: { password_hash: 'x' } }], auditHead: null }),
    );
    expect([res.status, await errorKey(res)]).toEqual([400, 'sync.unknown_column']);
    res = await post(
      '/v1/push',
      JSON.stringify({ deviceId: deviceIdOf(a), changes: [batch.changes[0], { ...batch.changes[1], branchId: '0932' }], auditHead: null }),
    );
    expect([res.status, await errorKey(res)]).toEqual([403, 'sync.other_branch']);
    const future = encodeHlc({ millis: hub.clock.now() + HOUR, counter: 0, device: deviceIdOf(a) });
    res = await post(
      '/v1/push',
      JSON.stringify({ deviceId: deviceIdOf(a), changes: [{ ...batch.changes[0], hlc: future }], auditHead: null }),
    );
    expect([res.status, await errorKey(res)]).toEqual([409, 'sync.clock_ahead']);
    res = await post('/v1/push', JSON.stringify({ deviceId: deviceIdOf(a), changes: batch.changes, auditHead: null }), 'wrong-token');
    expect([res.status, await errorKey(res)]).toEqual([401, 'sync.unauthorized']);
    res = await post('/v1/push', 'x'.repeat(17 * 1024 * 1024));
    expect([res.status, await errorKey(res)]).toEqual([413, 'sync.too_large']);
    expect(await hub.db.db.selectFrom('hub_changes').select('seq').execute()).toHaveLength(before.length);

    // Another branch's workstation sees none of this branch's data.
    const { code } = await hub.server.service.createEnrollmentCode('0932');
    const other = await workstation();
    cleanups.push(() => other.cleanup());
    await other.sync.enroll(hub.url, code);
    expect(await other.sync.syncNow()).toMatchObject({ pulled: 0 });
    expect(count(other, 'clients')).toBe(0);

    // A revoked device is refused, and the workstation says so in plain words.
    await hub.server.service.revokeDevice(deviceIdOf(a));
    await expect(a.sync.syncNow()).rejects.toMatchObject({ key: 'errors.sync.unauthorized' });
    expect((await a.sync.status()).lastError?.key).toBe('errors.sync.unauthorized');
    expect(count(a, 'outbox')).toBe(2);
  });

  it.runIf(kind === 'postgres')('works with several hub processes over one PostgreSQL', async () => {
    const { hub, clients, add } = await branch();
    const second = await openHubDb(hub.storeOptions);
    const server2 = await startHubServer({ hub: second, clock: hub.clock, port: 0 });
    cleanups.push(async () => {
      await server2.close();
      await second.close();
    });
    const a = await add();
    const { code } = await hub.server.service.createEnrollmentCode(BRANCH);
    const b = await workstation();
    cleanups.push(() => b.cleanup());
    await withAdmin(b, STAFF);
    await b.sync.enroll(server2.url, code);
    await b.sync.syncNow();
    await Promise.all([logContacts(a, clients[0]!.id, 150, 'A'), logContacts(b, clients[1]!.id, 150, 'B')]);
    await Promise.all([a.sync.syncNow(), b.sync.syncNow()]);
    await Promise.all([a.sync.syncNow(), b.sync.syncNow()]);
    expect(count(a, 'contacts')).toBe(300);
    expect(count(b, 'contacts')).toBe(300);
    const seqs = await hub.db.db.selectFrom('hub_changes').select('seq').where('branch_id', '=', BRANCH).orderBy('seq').execute();
    expect(seqs.map((s) => s.seq)).toEqual(seqs.map((_, i) => i + 1));
  });
});
