import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubServer } from '../../src-hub/server';
import { runAdminAsync } from '../fixtures/admin';
import { masterClients, startTestHub, workstation, type TestHub } from '../fixtures/hub';
import { tempDir, withAdmin } from '../fixtures/store';
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
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, pulled: 4, status: { branchId: '0931', pendingChanges: 0 } });

    await hub.stop();
    const down = await admin(['sync', 'now']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot be reached');
    const status = await admin(['sync', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ lastError: { key: 'errors.sync.unreachable' } });
  }, 60_000);

  it('enrolls and syncs over HTTPS when the hub is given a certificate and key', async () => {
    hub = await startTestHub('sqlite', testClock(systemClock.now()));
    await hub.server.service.appendMasterData('0931', masterClients(hub.clock, '0931', ['赵磊']).changes);
    const dir = tempDir();
    const { cert, key } = selfSignedCertificate(dir, 'IP:127.0.0.1,DNS:localhost');
    const secure = await startHubServer({
      hub: hub.db,
      clock: hub.clock,
      port: 0,
      tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) },
    });
    try {
      expect(secure.url).toMatch(/^https:/);
      const data = path.join(dir, 'ws');
      // The workstation trusts the bank's own CA the way Node does: NODE_EXTRA_CA_CERTS.
      const env = { ...PASS, NODE_EXTRA_CA_CERTS: cert };
      expect((await runAdminAsync(['init', '--data-dir', data], env)).code).toBe(0);
      const { code } = await hub.server.service.createEnrollmentCode('0931');
      const enrolled = await runAdminAsync(['sync', 'enroll', '--hub', secure.url, '--code', code, '--data-dir', data], env);
      expect(enrolled.code, enrolled.stderr).toBe(0);
      const synced = await runAdminAsync(['sync', 'now', '--json', '--data-dir', data], env);
      expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, pulled: 2 });
      // Without trusting the certificate, the workstation refuses to talk to it.
      const untrusted = await runAdminAsync(['sync', 'now', '--data-dir', data], PASS);
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toContain('untrusted certificate');
    } finally {
      await secure.close();
    }
  }, 60_000);

  it('trusts the bank’s own CA from the settings, and refuses plain HTTP to anything but this machine', async () => {
    hub = await startTestHub('sqlite', testClock(systemClock.now()));
    const dir = tempDir();
    const { cert, key } = selfSignedCertificate(dir, 'IP:127.0.0.1');
    const secure = await startHubServer({
      hub: hub.db,
      clock: hub.clock,
      port: 0,
      tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) },
    });
    const w = await workstation({}, systemClock.now());
    try {
      await withAdmin(w, 'admin-window');
      const enroll = async (hubUrl: string) =>
        w.call('admin-window', 'sync.enroll', { hubUrl, code: (await hub!.server.service.createEnrollmentCode('0931')).code });
      expect(await enroll(secure.url)).toMatchObject({ ok: false, error: { key: 'errors.sync.certificate' } });
      expect((await w.call('admin-window', 'settings.update', { hubCaPem: 'not a certificate' })).ok).toBe(false);
      expect((await w.call('admin-window', 'settings.update', { hubCaPem: fs.readFileSync(cert, 'utf8') })).ok).toBe(true);
      expect(await enroll(secure.url)).toMatchObject({ ok: true, value: { enrolled: true } });
      expect((await w.sync.syncNow()).pulled).toBe(0);
      // Plain HTTP: refused for a network address before anything is sent, allowed for this machine only.
      expect(await enroll('http://hub.example-bank.cn:8787')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ key: 'validation.hub_url_https' }] },
      });
      // A workstation enrolled by an older version with a plain-HTTP network address stops sending.
      w.store.raw.prepare("UPDATE device_state SET value = 'http://10.0.8.2:8787' WHERE key = 'sync_hub_url'").run();
      await expect(w.sync.syncNow()).rejects.toMatchObject({ key: 'errors.sync.plain_http' });
    } finally {
      await w.cleanup();
      await secure.close();
    }
  }, 60_000);
});

/** A one-day certificate for the hub, as a bank's own CA would issue one: its PEM files in `dir`. */
function selfSignedCertificate(dir: string, subjectAltName: string): { cert: string; key: string } {
  const cert = path.join(dir, 'hub-cert.pem');
  const key = path.join(dir, 'hub-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      `subjectAltName=${subjectAltName}`,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
