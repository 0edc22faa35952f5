import { afterEach, describe, expect, it } from 'vitest';
import { HubClient } from '../../src-main/sync/hub-client';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, masterClients, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

const ADMIN = 'admin-window';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
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
    const { a, b, clientIds } = await setup();
    const first = await a.sync.syncNow();
    expect(first.pulled).toBe(33);
    const found = await ok(a.call(ADMIN, 'clients.search', { q: 'zjg' }));
    expect(JSON.stringify(found)).toContain('张建国');

    await b.sync.syncNow();
    const contact = (await ok(
      b.call(ADMIN, 'clients.logContact', {
        clientId: clientIds[1],
        channel: 'phone',
        content: '回访：理财到期续作意向',
        result: '有意向',
      }),
    )) as { id: string };
    expect((await b.sync.status()).pendingChanges).toBeGreaterThan(0);
    const pushed = await b.sync.syncNow();
    expect(pushed.pushed).toBeGreaterThanOrEqual(1);
    expect((await b.sync.status()).pendingChanges).toBe(0);

    await a.sync.syncNow();
    const profile = await ok(a.call(ADMIN, 'clients.profile', { id: clientIds[1] }));
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
});
