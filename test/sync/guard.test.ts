import { afterEach, describe, expect, it } from 'vitest';
import { HubClient } from '../../src-main/sync/hub-client';
import { readState, SYNC_STATE } from '../../src-main/sync/state';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, masterClients, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

const ADMIN = 'admin-window';
const BRANCH = '0707';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

/**
 * What an insider with the database key might do to hide what they did: delete the newest audit entries (past the
 * database's own append-only triggers) and make the recorded head agree with what is left, so the chain verifies.
 */
function cutAuditTail(w: Workstation, entries: number): void {
  const raw = w.store.raw;
  raw.exec('DROP TRIGGER audit_log_no_delete');
  raw.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) FROM audit_log) - ?').run(entries);
  raw.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
  const tail = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
  raw.prepare("UPDATE device_state SET value = ? WHERE key = 'audit_head'").run(JSON.stringify(tail));
}

async function logContacts(w: Workstation, n: number): Promise<void> {
  const clientId = (w.store.raw.prepare('SELECT id FROM clients LIMIT 1').get() as { id: string }).id;
  for (let i = 0; i < n; i++) await ok(w.call(ADMIN, 'clients.logContact', { clientId, channel: 'counter', content: `到访 ${i}` }));
}

describe.each(HUB_KINDS)('head office guards the branch’s records (%s hub)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(): Promise<{ hub: TestHub; a: Workstation; clientId: string }> {
    const hub = await startTestHub(kind);
    cleanups.push(() => hub.close());
    const { clients, changes } = masterClients(hub.clock, BRANCH, ['张建国']);
    await hub.server.service.appendMasterData(BRANCH, changes);
    const a = await workstation();
    cleanups.push(() => a.cleanup());
    await withAdmin(a, ADMIN);
    await a.enroll(hub, BRANCH);
    await a.sync.syncNow();
    return { hub, a, clientId: clients[0]!.id };
  }

  const headAtHub = async (hub: TestHub, deviceId: string) =>
    (await hub.server.service.auditCheck()).find((d) => d.deviceId === deviceId)?.head?.seq ?? null;
  const deviceOf = async (w: Workstation) => (await w.sync.status()).deviceId;

  it('anchors the audit head on every sync, even when nothing else is sent', async () => {
    const { hub, a } = await setup();
    // Reading a full ID number is audited but sends no data.
    const clientId = (a.store.raw.prepare('SELECT id FROM clients LIMIT 1').get() as { id: string }).id;
    await ok(a.call(ADMIN, 'clients.reveal', { id: clientId, field: 'id_number', reason: '客户办理挂失' }));
    expect((await a.sync.status()).pendingChanges).toBe(0);
    await a.sync.syncNow();
    const localHead = JSON.parse((await readState(a.store.db, 'audit_head'))!) as { seq: number };
    expect(await headAtHub(hub, await deviceOf(a))).toBe(localHead.seq);
  });

  it.each([
    ['cut from the tail', 3, 0, 'audit_rewound'],
    ['cut, then grown past what head office anchored', 3, 5, 'audit_mismatch'],
  ])('flags a log %s and refuses the sync, until head office accepts it', async (_story, cut, grow, kindOfEvent) => {
    const { hub, a } = await setup();
    await logContacts(a, 5);
    await a.sync.syncNow();
    const device = await deviceOf(a);
    const anchored = await headAtHub(hub, device);

    cutAuditTail(a, cut);
    // The workstation's own check passes: the rewritten chain is consistent in itself.
    expect(await ok(a.call(ADMIN, 'audit.verify', {}))).toMatchObject({ ok: true });
    await logContacts(a, grow + 1);

    await expect(a.sync.syncNow()).rejects.toMatchObject({ key: 'errors.sync.audit_rewritten' });
    expect((await a.sync.status()).lastError?.key).toBe('errors.sync.audit_rewritten');
    // Nothing it sent was taken: the contacts wait in the outbox.
    expect((await a.sync.status()).pendingChanges).toBe(grow + 1);
    const check = (await hub.server.service.auditCheck()).find((d) => d.deviceId === device)!;
    expect(check).toMatchObject({ flagged: true, head: { seq: anchored } });
    expect(check.events[0]).toMatchObject({ kind: kindOfEvent, detail: { anchored: { seq: anchored } } });
    expect((await hub.server.service.listDevices(BRANCH)).find((d) => d.id === device)?.refusals).toBe(1);

    // Head office looked into it and lets the device sync again; the acceptance is on record too.
    expect(await hub.server.service.acceptAuditLog(device, '网点已说明：误删，已报合规')).toBe(true);
    await a.sync.syncNow();
    expect((await a.sync.status()).pendingChanges).toBe(0);
    const after = (await hub.server.service.auditCheck()).find((d) => d.deviceId === device)!;
    expect(after).toMatchObject({ flagged: false, epoch: 1 });
    expect(after.events.map((e) => e.kind)).toEqual(['audit_accepted', kindOfEvent]);
  });

  it('refuses a push that changes head office’s master columns of a client, and records it', async () => {
    const { hub, a, clientId } = await setup();
    const token = (await readState(a.store.db, SYNC_STATE.token))!;
    const device = await deviceOf(a);
    const forged = new HubClient(hub.url, token);
    const stamp = (a.store.raw.prepare("SELECT value FROM device_state WHERE key = 'hlc_last'").get() as { value: string }).value;
    const change = {
      seq: 900,
      table: 'clients' as const,
      rowId: clientId,
      op: 'upsert' as const,
      hlc: stamp,
      branchId: BRANCH,
      values: { mobile: '13900000000', manager_id: null },
    };
    await expect(forged.push({ deviceId: device, changes: [change], auditHead: null })).rejects.toMatchObject({
      key: 'errors.sync.master_columns',
    });
    const stored = await hub.db.db.selectFrom('hub_changes').select('seq').where('origin', '=', device).execute();
    expect(stored).toEqual([]);
    const events = (await hub.server.service.auditCheck()).find((d) => d.deviceId === device)!.events;
    expect(events[0]).toMatchObject({
      kind: 'master_columns',
      detail: { table: 'clients', rowId: clientId, columns: ['mobile', 'manager_id'] },
    });

    // The branch's own enrichments of the same client still go through.
    await ok(a.call(ADMIN, 'clients.updateProfile', { id: clientId, changes: { preferredHours: '工作日上午' } }));
    expect(await a.sync.syncNow()).toMatchObject({ pushed: 1 });
  });

  it('makes a new device at every enrollment: a known device id is refused, a revoked device stays revoked', async () => {
    const { hub, a } = await setup();
    const first = await deviceOf(a);
    const { code } = await hub.server.service.createEnrollmentCode(BRANCH);
    await expect(new HubClient(hub.url, null).enroll({ code, deviceId: first, deviceName: 'takeover' })).rejects.toMatchObject({
      key: 'errors.sync.device_exists',
    });
    await hub.server.service.revokeDevice(first);
    await expect(a.sync.syncNow()).rejects.toMatchObject({ key: 'errors.sync.unauthorized' });

    // Enrolled again with a new code: a new device; the old one is still revoked.
    await a.enroll(hub, BRANCH);
    const second = await deviceOf(a);
    expect(second).not.toBe(first);
    await logContacts(a, 1);
    expect(await a.sync.syncNow()).toMatchObject({ pushed: 1 });
    const devices = await hub.server.service.listDevices(BRANCH);
    expect(devices.find((d) => d.id === first)?.revoked_at).not.toBeNull();
    expect(devices.find((d) => d.id === second)?.revoked_at).toBeNull();
  });

  it('keeps the enrollment door narrow: a small body, and a few attempts a minute from one address', async () => {
    const { hub } = await setup();
    const post = (body: string) => fetch(`${hub.url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const oversized = await post(JSON.stringify({ code: 'A'.repeat(16), deviceId: 'x', deviceName: 'n'.repeat(8_000) }));
    expect(oversized.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (await post(JSON.stringify({ code: `GUESS${String(i).padStart(11, '0')}`, deviceId: `guess-${i}`, deviceName: 'x' }))).status,
      );
    }
    // The workstation's own enrollment and the oversized one counted too: ten tries, then refused for the minute.
    expect(statuses.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => 403));
    expect(statuses.slice(8)).toEqual([429, 429]);
    hub.clock.advance(61_000);
    expect((await post(JSON.stringify({ code: 'GUESS00000000099', deviceId: 'guess-99', deviceName: 'x' }))).status).toBe(403);
  });
});
