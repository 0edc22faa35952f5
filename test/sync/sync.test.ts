import { afterEach, describe, expect, it } from 'vitest';
import { importMasterData } from '../../src-hub/import';
import { HubClient } from '../../src-main/sync/hub-client';
import { backoffDelay } from '../../src-main/sync/service';
import { addClients } from '../fixtures/clients';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, masterClients, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

const ADMIN = 'admin-window';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

async function logContactFor(w: Workstation): Promise<void> {
  const clientId = (w.store.raw.prepare('SELECT id FROM clients LIMIT 1').get() as { id: string }).id;
  await ok(w.call(ADMIN, 'clients.logContact', { clientId, channel: 'visit', content: '到访咨询', result: null }));
}

describe.each(HUB_KINDS)('sync with the %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(branch = '0931'): Promise<{ hub: TestHub; a: Workstation; b: Workstation; clientIds: string[] }> {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    const { clients, changes } = masterClients(hub.clock, branch, ['张建国', '单雪梅', '曾乐']);
    await hub.server.service.appendMasterData(branch, changes);
    const a = await workstation();
    const b = await workstation();
    cleanups.push(
      () => a.cleanup(),
      () => b.cleanup(),
    );
    for (const w of [a, b]) {
      await withAdmin(w, ADMIN);
      await w.enroll(hub, branch);
    }
    return { hub, a, b, clientIds: clients.map((c) => c.id) };
  }

  it('brings head office master data down and a contact logged at one workstation to the other', async () => {
    const { hub, a, b, clientIds } = await setup();
    const first = await a.sync.syncNow();
    expect(first.pulled).toBe(6);
    const found = await ok(a.call(ADMIN, 'clients.search', { q: 'zjg' }));
    expect(JSON.stringify(found)).toContain('张建国');

    await b.sync.syncNow();
    const contact = (await ok(
      b.call(ADMIN, 'clients.logContact', {
        clientId: clientIds[1]!,
        channel: 'phone',
        content: '回访：理财到期续作意向',
        result: '有意向',
      }),
    )) as { id: string };
    expect((await b.sync.status()).pendingChanges).toBeGreaterThan(0);
    const pushed = await b.sync.syncNow();
    expect(pushed.pushed).toBeGreaterThanOrEqual(1);
    expect((await b.sync.status()).pendingChanges).toBe(0);
    // The audit chain's head went with it: head office can prove the branch's log was not rewritten later.
    const heads = await hub.db.db.selectFrom('hub_audit_chain').select(['seq', 'hash']).execute();
    const head = JSON.parse(
      (b.store.raw.prepare("SELECT value FROM device_state WHERE key = 'audit_head'").get() as { value: string }).value,
    ) as {
      seq: number;
    };
    expect(heads.map((h) => h.seq)).toContain(head.seq);

    await a.sync.syncNow();
    const profile = await ok(a.call(ADMIN, 'clients.profile', { id: clientIds[1]! }));
    expect(JSON.stringify(profile)).toContain(contact.id);
    const status = await a.sync.status();
    expect(status).toMatchObject({ enrolled: true, branchId: '0931', lastError: null, clockWrong: false });
    expect(status.lastSuccessAt).not.toBeNull();
  });

  it('refuses a wrong token and an enrollment code used twice', async () => {
    const { hub } = await setup();
    const stranger = new HubClient(hub.url, 'not-a-token-at-all-not-a-token-at-all');
    await expect(stranger.pull({ cursor: 0, limit: 10 })).rejects.toMatchObject({ key: 'errors.sync.unauthorized' });
    const { code } = await hub.server.service.createEnrollmentCode('0931');
    const c = await workstation();
    cleanups.push(() => c.cleanup());
    await c.sync.enroll(hub.url, code);
    const d = await workstation();
    cleanups.push(() => d.cleanup());
    await expect(d.sync.enroll(hub.url, code)).rejects.toMatchObject({ key: 'errors.sync.enroll_code' });
  });

  it("head office's master data imported from CSV reaches the branch, and its staff sign in with their first password", async () => {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    await hub.server.service.ensureBranch('0931', '浦东支行');
    const csv = (text: string) => new TextEncoder().encode(text);
    const staff = await importMasterData(hub.db, hub.clock, {
      branchId: '0931',
      kind: 'staff',
      bytes: csv('登录名,姓名,角色,初始密码\nzhou.li,周丽,柜员,first-pass-2026\n'),
    });
    expect(staff).toMatchObject({ valid: 1, rejected: 0 });
    const clients = await importMasterData(hub.db, hub.clock, {
      branchId: '0931',
      kind: 'clients',
      bytes: csv('客户号,姓名,证件号码,手机,客户经理\n600000000001,司马光明,110101198005171006,13912345678,zhou.li\n'),
    });
    expect(clients).toMatchObject({ valid: 1, rejected: 0 });
    const balances = await importMasterData(hub.db, hub.clock, {
      branchId: '0931',
      kind: 'balances',
      bytes: csv('客户号,月份,月日均\n600000000001,2026-09,480000\n600000000001,2026-10,520000.00\n'),
    });
    expect(balances).toMatchObject({ valid: 2, rejected: 0 });

    const w = await workstation();
    cleanups.push(() => w.cleanup());
    await withAdmin(w, ADMIN);
    await w.enroll(hub, '0931');
    await w.sync.syncNow();
    const signedIn = await w.call('zhou-window', 'auth.signIn', { login: 'zhou.li', password: 'first-pass-2026' });
    expect(signedIn).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    // Head office's first password opens only the password change.
    expect(await w.call('zhou-window', 'clients.search', { q: 'smgm' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'errors.auth.must_change_password' },
    });
    const changed = await w.call('zhou-window', 'auth.changePassword', {
      currentPassword: 'first-pass-2026',
      newPassword: 'zhou-own-pass-2026',
      repeatPassword: 'zhou-own-pass-2026',
    });
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    // The new password is hers: the first one no longer opens the workstation, and it was never sent to head office.
    expect(await w.call('other-window', 'auth.signIn', { login: 'zhou.li', password: 'first-pass-2026' })).toMatchObject({ ok: false });
    expect((await w.call('other-window', 'auth.signIn', { login: 'zhou.li', password: 'zhou-own-pass-2026' })).ok).toBe(true);
    expect((await w.sync.status()).pendingChanges).toBe(0);
    const found = await ok(w.call('zhou-window', 'clients.search', { q: 'smgm' }));
    expect(JSON.stringify(found)).toContain('司马光明');
    // ¥520,000 last month: VIP, computed here from head office's figures.
    expect(w.store.raw.prepare("SELECT tier FROM clients WHERE client_no = '600000000001'").get()).toEqual({ tier: 'vip' });
  });

  it('keeps a change whose client has not arrived yet and applies it when the client comes', async () => {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    const { clients, changes } = masterClients(hub.clock, '0931', ['欧阳娜娜']);
    const clientId = clients[0]!.id;
    const contact = {
      seq: 1,
      table: 'contacts' as const,
      rowId: '01a199c5-0000-7000-8000-000000000001',
      op: 'upsert' as const,
      hlc: changes[0]!.hlc,
      branchId: '0931',
      values: {
        client_id: clientId,
        at: '2026-10-30T02:00:00.000Z',
        channel: 'visit',
        content: '上门拜访',
        flags: '[]',
        created_at: '2026-10-30T02:00:00.000Z',
      },
    };
    // Out of order, and on separate pages: the contact first, its client after.
    await hub.server.service.appendMasterData('0931', [contact]);
    await hub.server.service.appendMasterData('0931', changes);
    const w = await workstation({ pullPage: 1 });
    cleanups.push(() => w.cleanup());
    await w.enroll(hub, '0931');
    await w.sync.syncNow();
    const rows = (sql: string) => (w.store.raw.prepare(sql).get() as { n: number }).n;
    expect((await w.sync.status()).parkedChanges).toBe(0);
    expect(rows('SELECT count(*) AS n FROM contacts')).toBe(1);
    expect(rows('SELECT count(*) AS n FROM sync_parked')).toBe(0);
    expect(rows("SELECT count(*) AS n FROM clients WHERE last_activity_date = '2026-10-30'")).toBe(1);
  });

  it("merges head office's client into the branch's own record of it (same client number, another id)", async () => {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    const { clients, changes } = masterClients(hub.clock, '0931', ['上官婉儿'], 600_000);
    const contact = {
      seq: 1,
      table: 'contacts' as const,
      rowId: '01a199c5-0000-7000-8000-000000000002',
      op: 'upsert' as const,
      hlc: changes[0]!.hlc,
      branchId: '0931',
      values: { client_id: clients[0]!.id, at: '2026-10-30T02:00:00.000Z', channel: 'phone', content: '总行客服来电记录', flags: '[]' },
    };
    await hub.server.service.appendMasterData('0931', [...changes, contact]);
    const w = await workstation();
    cleanups.push(() => w.cleanup());
    // The branch imported the same client itself before it was enrolled: another id, the same client number.
    const [localId] = await addClients(w.store, w.clock, [
      { name: '上官婉儿', clientNo: clients[0]!.clientNo, months: [{ month: '2026-06', avgDailyFen: 1_000_000 }] },
    ]);
    await w.enroll(hub, '0931');
    await w.sync.syncNow();
    const rows = (sql: string) => w.store.raw.prepare(sql).all();
    expect(rows('SELECT table_name, reason FROM sync_parked')).toEqual([]);
    expect((await w.sync.status()).parkedChanges).toBe(0);
    // One client, under the id the branch knew, with head office's figures (¥600,000: VIP) and its contact.
    expect(rows('SELECT id, tier FROM clients')).toEqual([{ id: localId, tier: 'vip' }]);
    expect(rows('SELECT client_id FROM contacts')).toEqual([{ client_id: localId }]);
    expect(rows('SELECT alias_id, client_id FROM client_aliases')).toEqual([{ alias_id: clients[0]!.id, client_id: localId }]);
  });

  it('retries on its own while the hub is down and catches up when it is back', async () => {
    const { hub } = await setup();
    // The workstation's own sync service, started as the app starts it, with a quick backoff.
    const a = await workstation({ intervalMs: 60_000, backoffMs: 20, maxBackoffMs: 80 });
    cleanups.push(() => a.cleanup());
    await withAdmin(a, ADMIN);
    await a.enroll(hub, '0931');
    const auto = a.sync;
    await a.sync.syncNow();
    await logContactFor(a);
    await hub.stop();
    a.workstation.start();
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 3000 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(async () => (await auto.status()).lastError?.key === 'errors.sync.unreachable');
    const failed = await auto.status();
    expect(failed).toMatchObject({ lastError: { key: 'errors.sync.unreachable' }, pendingChanges: 1 });
    expect(failed.nextAttemptAt).not.toBeNull();
    await hub.start();
    await until(async () => (await auto.status()).lastError === null);
    expect(await auto.status()).toMatchObject({ lastError: null, pendingChanges: 0 });
    expect(auto.nextDelay()).toBe(60_000);
  });
});

describe('backoff', () => {
  it('doubles from the first delay to the ceiling, with jitter between half and all of it', () => {
    const options = { intervalMs: 60_000, backoffMs: 5_000, maxBackoffMs: 60_000 };
    const at = (failures: number, random: number) => backoffDelay(failures, { ...options, random: () => random });
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => at(n, 1))).toEqual([60_000, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    expect([1, 2, 5].map((n) => at(n, 0))).toEqual([2_500, 5_000, 30_000]);
    expect(at(3, 0.5)).toBe(15_000);
  });
});
