import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_TABLES, SYNCED_TABLE_NAMES, syncedTable } from '../../src-shared/sync/tables';
import { makeMainlandId } from '../../src-shared/domain/id-number';
import { uuidv7 } from '../../src-shared/domain/ids';
import { seedDemoClients } from '../../src-main/clients/seed/run';
import { writeKeyFile } from '../../src-main/store/key';
import { runAdminAsync } from '../fixtures/admin';
import { withAdmin } from '../fixtures/store';
import { HUB_KINDS, hubHlc, reopenWorkstation, startTestHub, workstation, type TestHub, type Workstation } from '../fixtures/hub';

const ADMIN = 'admin-window';

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

let csvCounter = 0;
/** Clients as a branch imports them from a spreadsheet (the import screen's path, with its outbox records). */
async function importClients(w: Workstation, names: string[]): Promise<void> {
  const lines = names.map((name, i) => {
    csvCounter++;
    const no = `63${String(Date.now() % 1e6).padStart(6, '0')}${String(csvCounter).padStart(4, '0')}`;
    const id = makeMainlandId('110105', '1982-03-14', String((csvCounter * 7 + i) % 1000).padStart(3, '0'));
    return `${no},${name},${id},1391234${String(csvCounter).padStart(4, '0')}`;
  });
  const contentBase64 = Buffer.from(['客户号,姓名,证件号码,手机号', ...lines].join('\r\n'), 'utf8').toString('base64');
  const jobId = `0195e0c2-0000-7000-8000-${String(csvCounter).padStart(12, '0')}`;
  const report = await ok(w.call(ADMIN, 'clients.import', { jobId, fileName: 'clients.csv', contentBase64, dryRun: false }));
  expect(report).toMatchObject({ imported: names.length, rejected: 0 });
}

function clientNames(w: Workstation): string[] {
  return (w.store.raw.prepare('SELECT name FROM clients WHERE deleted_hlc IS NULL ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function count(w: Workstation, sql: string, ...params: unknown[]): number {
  return (w.store.raw.prepare(sql).get(...params) as { n: number }).n;
}

describe.each(HUB_KINDS)('data safety with the %s hub', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function hub(): Promise<TestHub> {
    const h = await startTestHub(kind);
    cleanups.push(() => h.close());
    return h;
  }

  async function station(): Promise<Workstation> {
    const w = await workstation();
    cleanups.push(() => w.cleanup());
    await withAdmin(w, ADMIN);
    return w;
  }

  it('a week of counter work before the workstation is enrolled — every table that syncs — reaches head office and the branch', async () => {
    const h = await hub();
    const a = await station();
    await importClients(a, ['韩梅梅', '李雷']);
    const [meimei, lei] = (a.store.raw.prepare('SELECT id FROM clients ORDER BY name').all() as { id: string }[]).map((r) => r.id);
    // A call with a follow-up due today, the follow-up done on the worklist, a profile edit, an important date, a
    // referral (with both sides' points) and a risk assessment at the counter.
    await ok(
      a.call(ADMIN, 'clients.logContact', {
        clientId: lei!,
        channel: 'phone',
        content: '回访：理财到期',
        followUp: { product: '稳健理财90天', due: '2026-11-02' },
      }),
    );
    const open = await ok(a.call(ADMIN, 'reminders.forClient', { clientId: lei! }));
    const followUp = open.reminders.find((r) => r.kind === 'follow_up');
    expect(followUp).toBeDefined();
    await ok(a.call(ADMIN, 'reminders.act', { clientId: lei!, key: followUp!.key, action: 'done' }));
    await ok(a.call(ADMIN, 'clients.updateProfile', { id: meimei!, changes: { interests: ['贵金属'], preferredHours: '工作日午休' } }));
    await ok(a.call(ADMIN, 'clients.addImportantDate', { clientId: meimei!, kind: 'birthday', date: '1982-03-14' }));
    await ok(a.call(ADMIN, 'clients.addReferral', { referrerId: meimei!, refereeId: lei! }));
    await ok(a.call(ADMIN, 'clients.recordAssessment', { clientId: lei!, level: 'C3', assessedOn: '2026-11-02', faceToFace: true }));
    const complaint = await ok(
      a.call(ADMIN, 'complaints.create', {
        complainantKind: 'client',
        clientId: lei!,
        channel: 'counter',
        businessLine: 'debit_card',
        cause: 'service_attitude',
        description: '柜员办理挂失时态度生硬',
        severity: 'low',
      }),
    );
    await ok(a.call(ADMIN, 'complaints.step', { id: complaint.id, expectedStatus: 'received', step: { kind: 'accepted', note: null } }));
    // The complainant's letter, scanned: large enough to travel in several chunks.
    const letter = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(450 * 1024)]);
    const scan = await ok(
      a.call(ADMIN, 'complaints.attach', { id: complaint.id, fileName: '来信.pdf', contentBase64: letter.toString('base64') }),
    );

    // A salon: planned and opened, both clients invited (one accepts), and on the day one arrives and a walk-in joins.
    const salon = await ok(
      a.call(ADMIN, 'events.save', {
        id: null,
        plan: { title: '理财沙龙', type: 'salon', startsAt: '2026-11-02T14:00:00+08:00', venue: '贵宾室', capacity: 10 },
      }),
    );
    await ok(a.call(ADMIN, 'events.step', { id: salon.id, expectedStatus: 'draft', step: 'opened' }));
    for (const clientId of [meimei!, lei!]) {
      const guest = await ok(a.call(ADMIN, 'events.addGuest', { eventId: salon.id, clientId, reason: '客户主动询问' }));
      await ok(a.call(ADMIN, 'events.invite', { guestId: guest.id, channel: 'phone', answer: clientId === lei ? 'accepted' : 'declined' }));
    }
    await ok(a.call(ADMIN, 'events.checkin', { eventId: salon.id, clientId: lei! }));
    await ok(a.call(ADMIN, 'events.walkIn', { eventId: salon.id, name: '周杰', mobile: '13700009999', idNumber: null }));

    // The manager's own survey, and a client's answers to it (a CSAT of 2: a follow-up).
    const survey = await ok(
      a.call(ADMIN, 'surveys.publish', {
        templateId: null,
        occasion: 'counter_visit',
        title: { 'zh-CN': '开户体验' },
        questions: [{ id: 'overall', type: 'rating', required: true, csat: true, text: { 'zh-CN': '开户是否顺利' } }],
      }),
    );
    await ok(a.call(ADMIN, 'surveys.submit', { versionId: survey.current.id, clientId: meimei!, answers: { overall: 2 } }));

    // The story touched every table a workstation sends: when a new one joins the registry, this says so.
    const pending = (a.store.raw.prepare('SELECT DISTINCT table_name AS t FROM outbox').all() as { t: string }[]).map((r) => r.t);
    const sent = SYNCED_TABLE_NAMES.filter((t) => syncedTable(t).push);
    expect(new Set(pending)).toEqual(new Set(sent));
    const unenrolled = ROW_TABLES.reduce((n, t) => n + count(a, `SELECT count(*) AS n FROM ${t} WHERE branch_id = 'unenrolled'`), 0);
    expect(unenrolled).toBeGreaterThan(sent.length);

    await a.enroll(h, '0202');
    for (const t of ROW_TABLES) expect(count(a, `SELECT count(*) AS n FROM ${t} WHERE branch_id = 'unenrolled'`), t).toBe(0);
    expect((await a.sync.syncNow()).pushed).toBeGreaterThan(sent.length);
    expect(await a.sync.status()).toMatchObject({ pendingChanges: 0, lastError: null });
    const atHub = await h.db.db.selectFrom('hub_changes').select('table_name').distinct().where('branch_id', '=', '0202').execute();
    expect(new Set(atHub.map((r) => r.table_name))).toEqual(new Set(sent));

    // The branch's other workstation has all of it, with nothing kept waiting.
    const b = await station();
    await b.enroll(h, '0202');
    await b.sync.syncNow();
    expect(await b.sync.status()).toMatchObject({ parkedChanges: 0, lastError: null });
    for (const t of sent) {
      expect(count(b, `SELECT count(*) AS n FROM ${t}`), t).toBe(count(a, `SELECT count(*) AS n FROM ${t}`));
    }
    const profile = await ok(b.call(ADMIN, 'clients.profile', { id: lei! }));
    expect(profile.summary.riskLevel).toBe('C3');
    // Scores never travel: the other workstation took them from the version the answers were given under.
    expect(b.store.raw.prepare('SELECT csat, nps, follow_up FROM survey_responses').get()).toEqual({ csat: 2, nps: null, follow_up: 1 });
    const copy = await ok(b.call(ADMIN, 'complaints.attachment', { id: scan.id }));
    expect(Buffer.from(copy.contentBase64, 'base64').equals(letter)).toBe(true);
  });

  it('demo data never leaves the workstation: enrolling waits until it is removed, and then only real work travels', async () => {
    const h = await hub();
    const a = await station();
    await seedDemoClients(a.store, a.clock, { clients: 300, seed: 3, actor: 'test' });
    await importClients(a, ['王芳']);
    // A trainee practises on a demo client: that contact is demo data too.
    const demoClient = (a.store.raw.prepare('SELECT id FROM clients WHERE demo = 1 LIMIT 1').get() as { id: string }).id;
    await ok(a.call(ADMIN, 'clients.logContact', { clientId: demoClient, channel: 'counter', content: '培训练习' }));
    // And a practice complaint about a demo client, with a step on it: a demo case, history and all.
    const practice = await ok(
      a.call(ADMIN, 'complaints.create', {
        complainantKind: 'client',
        clientId: demoClient,
        channel: 'counter',
        businessLine: 'savings',
        cause: 'process',
        description: '培训：排队时间过长',
        severity: 'low',
      }),
    );
    await ok(a.call(ADMIN, 'complaints.step', { id: practice.id, expectedStatus: 'received', step: { kind: 'accepted', note: null } }));
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1000)]);
    await ok(a.call(ADMIN, 'complaints.attach', { id: practice.id, fileName: 'queue.jpg', contentBase64: photo.toString('base64') }));
    const realClient = (a.store.raw.prepare("SELECT id FROM clients WHERE name = '王芳'").get() as { id: string }).id;
    await ok(a.call(ADMIN, 'clients.logContact', { clientId: realClient, channel: 'counter', content: '开户咨询' }));
    // Only the real client and the real contact wait to be sent.
    expect(count(a, 'SELECT count(*) AS n FROM outbox')).toBe(2);
    expect(await a.call(ADMIN, 'clients.addReferral', { referrerId: demoClient, refereeId: realClient })).toMatchObject({
      ok: false,
      error: { key: 'errors.referrals.demo_mix' },
    });

    const { code } = await h.server.service.createEnrollmentCode('0303');
    expect(await a.call(ADMIN, 'sync.enroll', { hubUrl: h.url, code })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'errors.sync.demo_data', params: { clients: 300 } },
    });
    expect((await a.sync.status()).enrolled).toBe(false);

    const jobId = '0195e0c2-dddd-7000-8000-000000000001';
    const removal = await ok(a.call(ADMIN, 'demo.remove', { jobId }));
    expect(removal.removed).toEqual({ clients: 300, staff: 9 });
    expect(await ok(a.call(ADMIN, 'demo.status', {}))).toEqual({ clients: 0, staff: 0 });
    // Nothing that named a demo client is left anywhere.
    expect(clientNames(a)).toEqual(['王芳']);
    for (const t of SYNCED_TABLE_NAMES) {
      for (const ref of syncedTable(t).clientRefs ?? []) {
        expect(count(a, `SELECT count(*) AS n FROM ${t} WHERE ${ref} NOT IN (SELECT id FROM clients)`), `${t}.${ref}`).toBe(0);
      }
    }
    expect(count(a, 'SELECT count(*) AS n FROM client_search')).toBe(1);
    for (const t of ['complaints', 'complaint_events', 'complaint_attachments', 'complaint_attachment_chunks']) {
      expect(count(a, `SELECT count(*) AS n FROM ${t}`), t).toBe(0);
    }
    expect(a.store.raw.pragma('foreign_key_check')).toEqual([]);
    expect(await a.call(ADMIN, 'audit.list', { limit: 1 })).toMatchObject({
      ok: true,
      value: [{ method: 'demo.remove', staffLogin: 'admin' }],
    });

    // Now it enrolls; only the real client and contact reach the hub, and a neighbour parks nothing.
    await ok(a.call(ADMIN, 'sync.enroll', { hubUrl: h.url, code: (await h.server.service.createEnrollmentCode('0303')).code }));
    expect(await a.sync.syncNow()).toMatchObject({ pushed: 2 });
    const b = await station();
    await b.enroll(h, '0303');
    await b.sync.syncNow();
    expect(clientNames(b)).toEqual(['王芳']);
    expect((await b.sync.status()).parkedChanges).toBe(0);

    // And an enrolled workstation is never seeded.
    await expect(seedDemoClients(a.store, a.clock, { clients: 10, seed: 4, actor: 'test' })).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'errors.seed.enrolled',
    });
  });

  it('a restore loses nothing: changes after it are numbered above the hub, and its own later changes come back', async () => {
    const h = await hub();
    const a = await station();
    await a.enroll(h, '0404');
    await importClients(a, ['赵一']);
    await a.sync.syncNow();

    // The administrator takes the nightly backup with the admin CLI.
    const keyFile = path.join(a.dir, 'test.key');
    writeKeyFile(keyFile, a.key);
    const backupFile = path.join(a.dir, 'nightly.bdk');
    const cli = (...args: string[]) => runAdminAsync([...args, '--data-dir', a.dir, '--key-file', keyFile, '--json']);
    expect((await cli('backup', '--out', backupFile)).code).toBe(0);

    // The day goes on: clients imported and synced after the backup.
    await importClients(a, ['钱二', '孙三']);
    await a.sync.syncNow();

    // The disk is replaced; last night's backup is restored with the admin CLI, and the workstation starts again.
    const restored = await reopenWorkstation(a, async () => {
      const result = await cli('restore', '--from', backupFile);
      expect(result.code, result.stderr).toBe(0);
    });
    cleanups.push(() => restored.cleanup());
    expect(await restored.sync.status()).toMatchObject({ restoring: true, enrolled: true });
    expect(clientNames(restored)).toEqual(['赵一']);

    // Work resumes before the first sync: other clients are imported.
    await ok(restored.call(ADMIN, 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' }));
    await importClients(restored, ['李四', '周五']);
    await restored.sync.syncNow();

    const everyone = ['周五', '孙三', '李四', '赵一', '钱二'].sort();
    expect(clientNames(restored)).toEqual(everyone);
    expect((await restored.sync.status()).restoring).toBe(false);
    // The restored audit log is older than what head office anchored: declared, accepted, and on head office's record.
    const restoredDevice = (await restored.sync.status()).deviceId;
    const audit = (await h.server.service.auditCheck()).find((d) => d.deviceId === restoredDevice);
    expect(audit).toMatchObject({ flagged: false, epoch: 1 });
    expect(audit?.events.map((e) => e.kind)).toEqual(['audit_restored']);
    const atHub = await h.db.db.selectFrom('hub_changes').select('row_id').where('table_name', '=', 'clients').execute();
    expect(atHub).toHaveLength(5);
    expect(new Set(atHub.map((r) => r.row_id)).size).toBe(5);

    const b = await station();
    await b.enroll(h, '0404');
    await b.sync.syncNow();
    expect(clientNames(b)).toEqual(everyone);
    // And once more after another sync each: nothing comes twice.
    await restored.sync.syncNow();
    await b.sync.syncNow();
    expect(clientNames(restored)).toEqual(everyone);
    expect(clientNames(b)).toEqual(everyone);
  });

  it('changes waiting a month for a client that never came are listed, and an administrator discards them on the record', async () => {
    const h = await hub();
    // Another workstation's leaked demo contacts, as head office relayed them: their clients never reach this branch.
    const stray = (i: number, at: string) => ({
      seq: i + 1,
      table: 'contacts' as const,
      rowId: uuidv7(Date.parse(at) + i),
      op: 'upsert' as const,
      hlc: hubHlc(h.clock),
      branchId: '0505',
      values: { client_id: uuidv7(Date.parse(at) - 1000 + i), at, channel: 'phone', content: '培训练习', flags: '[]' },
    });
    await h.server.service.appendMasterData(
      '0505',
      [0, 1, 2].map((i) => stray(i, '2026-09-01T02:00:00.000Z')),
    );
    const a = await station();
    await a.enroll(h, '0505');
    await a.sync.syncNow();
    expect((await a.sync.status()).parkedChanges).toBe(3);
    // Fresh ones are not listed yet: their client may still come.
    expect(await ok(a.call(ADMIN, 'sync.parked', {}))).toMatchObject({ rows: [], total: 0, olderThanDays: 30 });

    a.clock.advance(31 * 86_400_000);
    // A month later (the session ended long since: sign in again).
    await ok(a.call(ADMIN, 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' }));
    await h.server.service.appendMasterData('0505', [stray(3, '2026-12-01T02:00:00.000Z')]);
    await a.sync.syncNow();
    const listed = await ok(a.call(ADMIN, 'sync.parked', {}));
    expect(listed.total).toBe(3);
    expect(listed.rows.map((r) => ({ table: r.table, reason: r.reason, about: r.about }))).toEqual(
      Array.from({ length: 3 }, () => ({ table: 'contacts', reason: 'missing_parent', about: '2026-09-01' })),
    );

    // A counter clerk may look but not discard; a discard needs a reason; the newest one cannot go yet.
    await ok(a.call(ADMIN, 'staff.create', { login: 'zhou.li', displayName: '周丽', roles: ['counter'], password: 'counter-pass-2026' }));
    await ok(a.call('clerk-window', 'auth.signIn', { login: 'zhou.li', password: 'counter-pass-2026' }));
    expect(await a.call('clerk-window', 'sync.discardParked', { all: true, reason: '演示数据' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await a.call(ADMIN, 'sync.discardParked', { all: true, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const newest = (a.store.raw.prepare('SELECT max(seq) AS n FROM sync_parked').get() as { n: number }).n;
    expect(await a.call(ADMIN, 'sync.discardParked', { seqs: [newest], reason: '演示数据外泄' })).toMatchObject({
      ok: false,
      error: { key: 'errors.sync.parked_not_old' },
    });

    const first = listed.rows[0]!.seq;
    expect(await ok(a.call(ADMIN, 'sync.discardParked', { seqs: [first], reason: '邻柜演示数据外泄' }))).toEqual({ discarded: 1 });
    expect(await ok(a.call(ADMIN, 'sync.discardParked', { all: true, reason: '邻柜演示数据外泄' }))).toEqual({ discarded: 2 });
    expect((await a.sync.status()).parkedChanges).toBe(1);
    expect(await a.call(ADMIN, 'audit.list', { limit: 2 })).toMatchObject({
      ok: true,
      value: [
        {
          method: 'sync.discardParked',
          staffLogin: 'admin',
          reason: '邻柜演示数据外泄',
          targetIds: [`parked:${listed.rows[1]!.seq}`, `parked:${listed.rows[2]!.seq}`],
        },
        { method: 'sync.discardParked', targetIds: [`parked:${first}`] },
      ],
    });
  });
});
