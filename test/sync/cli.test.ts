import { afterEach, describe, expect, it } from 'vitest';
import { runAdminAsync } from '../fixtures/admin';
import { masterClients, startTestHub, type TestHub } from '../fixtures/hub';
import { tempDir } from '../fixtures/store';
import { systemClock } from '../../src-shared/domain/clock';
import { testClock } from '../fixtures/store';

const PASS = { BRANCHDESK_PASSPHRASE: 'branch workstation passphrase' };

// An unattended workstation driven by scripts: enroll, sync, and a clear non-zero exit when the hub is away.
describe('admin CLI: sync', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.close();
  });

  it('enrolls with a code, syncs, and exits non-zero with the reason when the hub cannot be reached', async () => {
    hub = await startTestHub('sqlite', testClock(systemClock.now()));
    await hub.server.service.appendMasterData('0931', masterClients(hub.clock, '0931', ['李明', '王芳']).changes);
    const dir = tempDir();
    const admin = (args: string[]) => runAdminAsync([...args, '--data-dir', dir], PASS);
    expect((await admin(['init'])).code).toBe(0);

    const early = await admin(['sync', 'now']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('not enrolled');

    const { code } = await hub.server.service.createEnrollmentCode('0931');
    const enrolled = await admin(['sync', 'enroll', '--hub', hub.url, '--code', code.replace(/(.{4})(?=.)/g, '$1-')]);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const again = await admin(['sync', 'enroll', '--hub', hub.url, '--code', code]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('unknown, used or expired');

    const synced = await admin(['sync', 'now', '--json']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, pulled: 22, status: { branchId: '0931', pendingChanges: 0 } });

    await hub.stop();
    const down = await admin(['sync', 'now']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot be reached');
    const status = await admin(['sync', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ lastError: { key: 'errors.sync.unreachable' } });
  }, 60_000);
});
