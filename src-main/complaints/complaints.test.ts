import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComplaintStep, InputOf } from '../../src-shared/contract';
import { addClients } from '../../test/fixtures/clients';
import { testApp, withAdmin, withStaff, type TestApp } from '../../test/fixtures/store';

let t: TestApp;
afterEach(() => t.cleanup());
const ADMIN = 'admin-window'; // the branch manager who set the workstation up (admin and manager)

async function ok<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const res = await promise;
  if (!res.ok) throw new Error(res.error.message);
  return res.value;
}

const staffId = (login: string) => (t.store.raw.prepare('SELECT id FROM staff WHERE login = ?').get(login) as { id: string }).id;

function phoneComplaint(clientId: string, extra: Partial<InputOf<'complaints.create'>> = {}): InputOf<'complaints.create'> {
  return {
    complainantKind: 'client',
    clientId,
    channel: 'phone',
    businessLine: 'credit_card',
    cause: 'pricing_and_fees',
    description: '信用卡年费未经告知被扣收 300 元',
    request: '退还年费',
    amountFen: 30_000,
    severity: 'medium',
    ...extra,
  };
}

/** A branch on 2 November 2026 with a counter clerk, a complaint officer and a client who calls. */
async function branch() {
  t = await testApp();
  await withAdmin(t);
  const counter = await withStaff(t, 'chen.li', ['counter']);
  const officer = await withStaff(t, 'he.min', ['complaints']);
  const [clientId] = await addClients(t.store, t.clock, [{ name: '韩梅梅', mobile: '13812345678' }]);
  return { counter, officer, clientId: clientId! };
}

/** Days go by: the clock moves on, and everyone signs in again (a session lasts twelve hours at most). */
async function daysLater(days: number): Promise<void> {
  t.clock.advance(days * 86_400_000);
  for (const login of ['chen.li', 'he.min']) await ok(t.call(`${login}-window`, 'auth.signIn', { login, password: `${login}-pass-2026` }));
  await ok(t.call(ADMIN, 'auth.signIn', { login: 'admin', password: 'counter-pass-2026' }));
}

const step = (channel: string, id: string, expectedStatus: string, s: ComplaintStep) =>
  t.call(channel, 'complaints.step', { id, expectedStatus: expectedStatus as never, step: s });

describe('taking a complaint', () => {
  it('gives any member of staff a case number and starts the 15-day clock on the day of receipt', async () => {
    const { counter, clientId } = await branch();
    const taken = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    expect(taken.caseNo).toMatch(/^TS20261102-[0-9A-F]{4}-001$/);
    expect(taken).toMatchObject({ receivedOn: '2026-11-02', dueOn: '2026-11-17' });
    const second = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    expect(second.caseNo).toBe(taken.caseNo.replace(/001$/, '002'));
    // The clerk sees how the case stands, not what it says.
    expect(await ok(t.call(counter, 'complaints.get', { id: taken.id }))).toMatchObject({
      caseNo: taken.caseNo,
      status: 'received',
      dueOn: '2026-11-17',
      daysLeft: 15,
      complainant: '韩梅梅',
      content: null,
    });
    const audit = t.store.raw.prepare("SELECT target_ids FROM audit_log WHERE method = 'complaints.create'").all();
    expect(audit).toHaveLength(2);
  });

  it("takes a regulator's referral with its reference, and the regulator's earlier deadline binds", async () => {
    const { counter, clientId } = await branch();
    const refused = await t.call(counter, 'complaints.create', phoneComplaint(clientId, { channel: 'regulator' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!refused.ok) expect(refused.error.issues?.map((i) => i.path).sort()).toEqual(['regulatorDue', 'regulatorRef']);
    const referral = await ok(
      t.call(
        counter,
        'complaints.create',
        phoneComplaint(clientId, { channel: 'regulator', regulatorRef: '沪金监转〔2026〕118号', regulatorDue: '2026-11-12' }),
      ),
    );
    expect(referral.dueOn).toBe('2026-11-12');
  });

  it('asks each kind of complainant for what it needs: an agent’s authority, a group’s representatives (five at most), an anonymous caller’s contact', async () => {
    const { counter, clientId } = await branch();
    const pathsOf = async (input: InputOf<'complaints.create'>) => {
      const res = await t.call(counter, 'complaints.create', input);
      return res.ok ? [] : (res.error.issues ?? []).map((i) => i.path).sort();
    };
    expect(
      await pathsOf(phoneComplaint(clientId, { complainantKind: 'agent', complainantName: '韩磊', complainantContact: '13900001111' })),
    ).toEqual(['authorityRef']);
    const rep = { name: '住户代表', contact: '13900002222' };
    const group = { complainantKind: 'group', clientId: null, complainantName: '阳光小区业主', complainantContact: '13900003333' } as const;
    expect(await pathsOf(phoneComplaint(clientId, { ...group, representatives: [] }))).toEqual(['representatives']);
    expect(await pathsOf(phoneComplaint(clientId, { ...group, representatives: Array.from({ length: 6 }, () => rep) }))).toEqual([
      'representatives',
    ]);
    expect(await pathsOf(phoneComplaint(clientId, { ...group, representatives: Array.from({ length: 5 }, () => rep) }))).toEqual([]);
    expect(await pathsOf(phoneComplaint(clientId, { complainantKind: 'anonymous', clientId: null }))).toEqual([
      'complainantContact',
      'complainantName',
    ]);
    expect(await pathsOf(phoneComplaint(clientId, { businessLine: 'crypto' }))).toEqual(['businessLine']);
    expect(await pathsOf(phoneComplaint(clientId, { receivedAt: '2026-11-03T09:00:00+08:00' }))).toEqual(['receivedAt']);
    expect(t.store.raw.prepare('SELECT count(*) AS n FROM complaints').get()).toEqual({ n: 1 });
  });
});

describe('handling a case', () => {
  it('runs from acceptance through two extensions, the second approved by a manager, to the decision and closing, every step in the history', async () => {
    const { counter, officer, clientId } = await branch();
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    await ok(step(officer, id, 'received', { kind: 'accepted', note: '当日受理' }));
    await ok(step(officer, id, 'accepted', { kind: 'assigned', officerId: staffId('he.min'), note: null }));
    await ok(step(officer, id, 'accepted', { kind: 'investigating', note: null }));
    const told = '2026-11-10T08:30:00+08:00';
    await daysLater(8);
    const complex = await ok(
      step(officer, id, 'investigating', {
        kind: 'extended',
        extension: 'complex',
        reason: '需调取三个月账单',
        complainantToldAt: told,
        approval: null,
      }),
    );
    expect(complex).toMatchObject({ dueOn: '2026-12-02', content: { extension: 'complex' } });

    const especially = {
      kind: 'extended',
      extension: 'especially_complex',
      reason: '涉及第三方收单机构',
      complainantToldAt: told,
    } as const;
    expect(await step(officer, id, 'investigating', { ...especially, approval: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.extension.needs_approver' },
    });
    expect(
      await step(officer, id, 'investigating', { ...especially, approval: { login: 'admin', password: 'wrong-password' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'errors.complaints.approval_failed' },
    });
    expect(
      await step(officer, id, 'investigating', { ...especially, approval: { login: 'chen.li', password: 'chen.li-pass-2026' } }),
    ).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.extension.approver_not_manager' },
    });
    const approved = await ok(
      step(officer, id, 'investigating', { ...especially, approval: { login: 'admin', password: 'counter-pass-2026' } }),
    );
    expect(approved).toMatchObject({ dueOn: '2027-01-01', daysLeft: 52 });
    expect(approved.content?.events.at(-1)).toMatchObject({
      kind: 'extended',
      data: { approverName: '王建国', extension: 'especially_complex' },
    });

    const decided = await ok(
      step(officer, id, 'investigating', {
        kind: 'decided',
        outcome: 'partly_upheld',
        remedy: '退还年费 300 元',
        compensationFen: 30_000,
        reasons: '首年免年费条件已告知，但续期扣费前未短信提醒',
        rootCause: '续期提醒短信模板缺失',
        fix: '补充续期提醒模板，按月抽查',
        complainantToldAt: '2026-11-10T08:45:00+08:00',
      }),
    );
    expect(decided).toMatchObject({ status: 'decided', dueOn: null, content: { outcome: 'partly_upheld' } });
    const closed = await ok(step(officer, id, 'decided', { kind: 'closed', satisfaction: 4, surveyId: null, note: null }));
    expect(closed.status).toBe('closed');
    expect(closed.content?.events.map((e) => e.kind)).toEqual([
      'received',
      'accepted',
      'assigned',
      'investigating',
      'extended',
      'extended',
      'decided',
      'closed',
    ]);
    expect(closed.content?.events.map((e) => e.staffName)).toEqual(['chen.li', ...Array.from({ length: 7 }, () => 'he.min')]);
  });

  it('refuses a step the workflow does not allow, and one taken on a case that moved on, saying why', async () => {
    const { counter, officer, clientId } = await branch();
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const decide: ComplaintStep = {
      kind: 'decided',
      outcome: 'upheld',
      remedy: null,
      compensationFen: null,
      reasons: '—',
      rootCause: '—',
      fix: '—',
      complainantToldAt: '2026-11-02T10:00:00+08:00',
    };
    expect(await step(officer, id, 'received', decide)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'errors.complaints.step_not_allowed', params: { step: 'decided', status: 'received' } },
    });
    await ok(step(officer, id, 'received', { kind: 'withdrawn', note: '客户来电撤回' }));
    expect(await step(officer, id, 'received', { kind: 'accepted', note: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.moved_on', params: { status: 'withdrawn' } },
    });
    expect(await step(officer, id, 'withdrawn', decide)).toMatchObject({ ok: false, error: { key: 'errors.complaints.step_not_allowed' } });
    expect(await step(officer, id, 'withdrawn', { kind: 'note', note: '已电话确认撤回' })).toMatchObject({ ok: true });
  });

  it('回避: nobody the complaint names handles it, is assigned it, or approves its extension', async () => {
    const { counter, officer, clientId } = await branch();
    const named = await withStaff(t, 'liu.yang', ['complaints']);
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId, { staffInvolved: [staffId('liu.yang')] })));
    expect(await step(named, id, 'received', { kind: 'accepted', note: null })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'errors.complaints.conflict_of_interest' },
    });
    expect(await step(officer, id, 'received', { kind: 'assigned', officerId: staffId('liu.yang'), note: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.officer_involved' },
    });
    expect(await step(officer, id, 'received', { kind: 'assigned', officerId: staffId('chen.li'), note: null })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.not_an_officer' },
    });
    // The named officer still reads the case (and may add a note), but is offered no step that handles it.
    expect((await ok(t.call(named, 'complaints.get', { id }))).content?.steps).toEqual(['note']);
  });

  it('shows a case to officers and managers whole, to the clerk who took it as a status, and to nobody else at all', async () => {
    const { counter, officer, clientId } = await branch();
    const events = await withStaff(t, 'xu.ting', ['events']);
    const otherCounter = await withStaff(t, 'wu.fang', ['counter']);
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    expect((await ok(t.call(officer, 'complaints.get', { id }))).content?.description).toContain('年费');
    for (const outsider of [events, otherCounter]) {
      expect(await t.call(outsider, 'complaints.get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect((await ok(t.call(outsider, 'complaints.list', { view: 'all' }))).cases).toEqual([]);
    }
    expect((await ok(t.call(counter, 'complaints.list', { view: 'open' }))).cases.map((c) => c.id)).toEqual([id]);
    expect(await step(counter, id, 'received', { kind: 'accepted', note: null })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lists open cases soonest due first, with days left, and picks out the near and the overdue', async () => {
    const { counter, officer, clientId } = await branch();
    const first = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    await daysLater(5);
    const second = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    await daysLater(8); // 15 November: the first is due on the 17th, the second on the 22nd
    const open = await ok(t.call(officer, 'complaints.list', { view: 'open' }));
    expect(open.cases.map((c) => [c.id, c.daysLeft, c.deadline])).toEqual([
      [first.id, 2, 'near'],
      [second.id, 7, 'ok'],
    ]);
    expect((await ok(t.call(officer, 'complaints.list', { view: 'near' }))).cases.map((c) => c.id)).toEqual([first.id]);
    await daysLater(3);
    expect((await ok(t.call(officer, 'complaints.list', { view: 'overdue' }))).cases.map((c) => c.id)).toEqual([first.id]);
    const page = await ok(t.call(officer, 'complaints.list', { view: 'open', limit: 1 }));
    expect(page.next).not.toBeNull();
    expect((await ok(t.call(officer, 'complaints.list', { view: 'open', limit: 1, after: page.next }))).cases.map((c) => c.id)).toEqual([
      second.id,
    ]);
  });

  it('keeps the history as written: no edit, no deletion, a correction is a new event', async () => {
    const { counter, officer, clientId } = await branch();
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const accepted = await ok(step(officer, id, 'received', { kind: 'accepted', note: '受理，客户要求退费 500 元' }));
    const eventId = accepted.content!.events.at(-1)!.id;
    expect(() => t.store.raw.prepare("UPDATE complaint_events SET note = 'x' WHERE id = ?").run(eventId)).toThrow(/append-only/);
    expect(() => t.store.raw.prepare('DELETE FROM complaint_events WHERE id = ?').run(eventId)).toThrow(/append-only/);
    expect(() => t.store.raw.prepare('DELETE FROM complaints WHERE id = ?').run(id)).toThrow(/kept/);
    expect(() => t.store.raw.prepare("UPDATE complaints SET description = 'x' WHERE id = ?").run(id)).toThrow(/never changed/);
    const corrected = await ok(
      step(officer, id, 'accepted', { kind: 'correction', correctsId: eventId, note: '更正：客户要求退费 300 元' }),
    );
    expect(corrected.content?.events.slice(-2).map((e) => [e.kind, e.note])).toEqual([
      ['accepted', '受理，客户要求退费 500 元'],
      ['correction', '更正：客户要求退费 300 元'],
    ]);
    expect(t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name LIKE 'complaint%'").get()).toEqual({ n: 4 });
  });
});

describe('files on a case', () => {
  const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 9)]).toString('base64');
  const attach = (channel: string, id: string, fileName: string, contentBase64: string) =>
    t.call(channel, 'complaints.attach', { id, fileName, contentBase64 });

  it('takes a scan by what it is, not by its name, up to the size in the settings, and gives it back whole', async () => {
    const { counter, officer, clientId } = await branch();
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    // A PDF named like a program is kept as a PDF; a program named like a PDF is refused.
    const letter = pdf(500_000);
    const kept = await ok(attach(counter, id, 'C:\\scans\\letter.exe', letter));
    expect(kept).toMatchObject({ fileName: 'letter.pdf', contentType: 'application/pdf', sizeBytes: 500_000, complete: true });
    const program = Buffer.concat([Buffer.from('MZ'), randomBytes(2000)]).toString('base64');
    expect(await attach(counter, id, '回执.pdf', program)).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.attachment_type' },
    });
    expect(await attach(counter, id, 'empty.pdf', '')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // 10 MB by default, a setting.
    expect(await attach(counter, id, 'big.pdf', pdf(10 * 1024 * 1024 + 1))).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.attachment_too_large', params: { mb: 10 } },
    });
    await ok(t.call(ADMIN, 'settings.update', { attachmentMaxMb: 11 }));
    await ok(attach(counter, id, 'big.pdf', pdf(10 * 1024 * 1024 + 1)));
    expect(await t.call(ADMIN, 'settings.update', { attachmentMaxMb: 41 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Refused files left nothing behind: two files, their chunks, and a change record for each row.
    const rows = t.store.raw.prepare('SELECT count(*) AS n FROM complaint_attachment_chunks').get() as { n: number };
    expect(rows.n).toBe(Math.ceil(500_000 / (192 * 1024)) + Math.ceil((10 * 1024 * 1024 + 1) / (192 * 1024)));
    expect(t.store.raw.prepare("SELECT count(*) AS n FROM outbox WHERE table_name LIKE 'complaint_attachment%'").get()).toEqual({
      n: rows.n + 2,
    });

    const back = await ok(t.call(officer, 'complaints.attachment', { id: kept.id }));
    expect(back).toEqual({ fileName: 'letter.pdf', contentType: 'application/pdf', contentBase64: letter });
    const kase = await ok(t.call(officer, 'complaints.get', { id }));
    expect(kase.content?.attachments.map((f) => f.fileName)).toEqual(['letter.pdf', 'big.pdf']);
  });

  it('lets whoever took a case add files until it is accepted; nobody else outside complaints sees or adds them', async () => {
    const { counter, officer, clientId } = await branch();
    const other = await withStaff(t, 'liu.ev', ['events']);
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(300)]).toString('base64');
    expect(await attach(other, id, 'p.png', photo)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const file = await ok(attach(counter, id, 'p.png', photo));
    expect(await t.call(counter, 'complaints.attachment', { id: file.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(step(officer, id, 'received', { kind: 'accepted', note: null }));
    expect(await attach(counter, id, 'p.png', photo)).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.attach_after_acceptance' },
    });
    await ok(attach(officer, id, 'p2.png', photo));
  });

  it('never changes or deletes a file, and refuses to show one that is incomplete or does not match its digest', async () => {
    const { counter, officer, clientId } = await branch();
    const { id } = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const file = await ok(attach(officer, id, 'scan.pdf', pdf(400_000)));
    expect(() => t.store.raw.prepare("UPDATE complaint_attachments SET file_name = 'x' WHERE id = ?").run(file.id)).toThrow(
      /never changed/,
    );
    expect(() => t.store.raw.prepare('DELETE FROM complaint_attachment_chunks WHERE attachment_id = ?').run(file.id)).toThrow(/kept/);
    // As if a disk fault or a hand in the database changed a chunk: the digest catches it.
    t.store.raw.exec('DROP TRIGGER complaint_attachment_chunks_no_update');
    t.store.raw
      .prepare("UPDATE complaint_attachment_chunks SET data = 'AAAA' || substr(data, 5) WHERE attachment_id = ? AND n = 1")
      .run(file.id);
    expect(await t.call(officer, 'complaints.attachment', { id: file.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.attachment_damaged' },
    });
    // As if sync had brought only some of the chunks so far.
    t.store.raw.exec('DROP TRIGGER complaint_attachment_chunks_kept');
    t.store.raw.prepare('DELETE FROM complaint_attachment_chunks WHERE attachment_id = ? AND n = 2').run(file.id);
    expect(await t.call(officer, 'complaints.attachment', { id: file.id })).toMatchObject({
      ok: false,
      error: { key: 'errors.complaints.attachment_arriving', params: { arrived: 2, total: 3 } },
    });
    expect((await ok(t.call(officer, 'complaints.get', { id }))).content?.attachments[0]?.complete).toBe(false);
  });
});

describe('the register and the report', () => {
  const decision = (toldAt: string): ComplaintStep => ({
    kind: 'decided',
    outcome: 'upheld',
    remedy: '退还年费',
    compensationFen: null,
    reasons: '未按约定提醒',
    rootCause: '提醒模板缺失',
    fix: '补充模板',
    complainantToldAt: toldAt,
  });
  const csvLines = (base64: string) =>
    Buffer.from(base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');

  it('lists every case received in the period with the documented columns, masked, and counts the same as the report', async () => {
    const { counter, officer, clientId } = await branch();
    // 2 November: three cases; the client calls twice.
    const a = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const b = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId, { channel: 'counter', cause: 'service_attitude' })));
    const c = await ok(
      t.call(counter, 'complaints.create', {
        complainantKind: 'anonymous',
        complainantName: '赵先生',
        complainantContact: '13700001234',
        channel: 'letter',
        businessLine: 'wealth_products',
        cause: 'sales_practice',
        description: '购买理财时未告知风险',
        severity: 'high',
      }),
    );
    for (const id of [a.id, b.id, c.id]) {
      await ok(step(officer, id, 'received', { kind: 'accepted', note: null }));
      await ok(step(officer, id, 'accepted', { kind: 'investigating', note: null }));
    }
    await daysLater(8); // 10 November: A decided in time, after 8 days
    await ok(step(officer, a.id, 'investigating', decision('2026-11-10T10:00:00+08:00')));
    await daysLater(10); // 20 November: B decided three days late; C still waiting, overdue since the 17th
    await ok(step(officer, b.id, 'investigating', decision('2026-11-20T10:00:00+08:00')));

    const report = await ok(t.call(officer, 'complaints.report', { from: '2026-11-01', to: '2026-11-30' }));
    expect(report).toMatchObject({
      months: ['2026-11'],
      received: 3,
      decided: 2,
      decidedInTime: 1,
      inTimeShare: 0.5,
      averageDaysToDecision: 13,
      open: 1,
      overdue: 1,
      repeatFrom: '2025-12-01',
      repeatComplainants: [{ complainant: '韩**', cases: 2, caseNos: [a.caseNo, b.caseNo].sort() }],
    });
    expect(report.counts.filter((x) => x.dimension === 'channel').sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { dimension: 'channel', key: 'counter', month: '2026-11', count: 1 },
      { dimension: 'channel', key: 'letter', month: '2026-11', count: 1 },
      { dimension: 'channel', key: 'phone', month: '2026-11', count: 1 },
    ]);
    expect(await t.call(officer, 'complaints.report', { from: '2026-12-01', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { key: 'validation.period' },
    });

    const jobId = '0195e0c2-aaaa-7000-8000-000000000001';
    const csv = await ok(
      t.call(officer, 'complaints.export', { from: '2026-11-01', to: '2026-11-30', what: 'register', format: 'csv', jobId }),
    );
    const lines = csvLines(csv.contentBase64);
    expect(lines[0]).toBe(
      '案件编号,受理日期,办结日期,投诉渠道,业务类别,投诉原因,投诉人（脱敏）,处理结果,处理用时（日）,延期情况,处理时限,是否按时办结,案件状态,监管转办编号',
    );
    expect(lines.slice(1).sort()).toEqual(
      [
        `${a.caseNo},2026-11-02,2026-11-10,电话,信用卡,定价收费,韩**,投诉成立,8,未延期,2026-11-17,是,已作出处理决定,`,
        `${b.caseNo},2026-11-02,2026-11-20,柜面,信用卡,服务态度,韩**,投诉成立,18,未延期,2026-11-17,否,已作出处理决定,`,
        `${c.caseNo},2026-11-02,,信函,理财产品,营销方式,赵**,,,未延期,2026-11-17,已超期,调查中,`,
      ].sort(),
    );
    // The register's rows are the report's cases: the same period, the same count.
    expect(csv.rows).toBe(report.received);
    const xlsx = await ok(
      t.call(officer, 'complaints.export', { from: '2026-11-01', to: '2026-11-30', what: 'report', format: 'xlsx', jobId }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '按月统计', '重复投诉']);
    expect(book.getWorksheet('汇总')?.getRow(5).values).toEqual([undefined, '按时率', '50.0%']);
    expect(book.getWorksheet('重复投诉')?.getRow(2).getCell(1).value).toBe('韩**');

    // The counter clerk sees neither; the export is on the audit log.
    expect(await t.call(counter, 'complaints.report', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const logged = await ok(t.call(ADMIN, 'audit.list', { limit: 10 }));
    expect(logged.filter((e) => e.method === 'complaints.export')).toHaveLength(2);
  });
});

describe('deadlines on the worklist', () => {
  it('gives each officer their own and the unassigned cases near or past their deadline, and the manager all of them', async () => {
    const { counter, officer, clientId } = await branch();
    const other = await withStaff(t, 'lin.ts', ['complaints']);
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId))));
    const [a, b, c] = cases as [(typeof cases)[0], (typeof cases)[0], (typeof cases)[0]];
    await ok(step(officer, a.id, 'received', { kind: 'assigned', officerId: staffId('he.min'), note: null }));
    await ok(step(officer, b.id, 'received', { kind: 'assigned', officerId: staffId('lin.ts'), note: null }));
    const ids = async (channel: string) => {
      const d = await ok(t.call(channel, 'complaints.deadlines', {}));
      return { overdue: d.overdue, near: d.near, ids: d.cases.map((x) => x.id).sort() };
    };
    // Due on the 17th; near from the 14th (three days, the default).
    await daysLater(10);
    expect(await ids(officer)).toEqual({ overdue: 0, near: 0, ids: [] });
    await daysLater(2);
    expect(await ids(officer)).toEqual({ overdue: 0, near: 2, ids: [a.id, c.id].sort() });
    await ok(t.call(`lin.ts-window`, 'auth.signIn', { login: 'lin.ts', password: 'lin.ts-pass-2026' }));
    expect(await ids(other)).toEqual({ overdue: 0, near: 2, ids: [b.id, c.id].sort() });
    await daysLater(4);
    expect(await ids(ADMIN)).toEqual({ overdue: 3, near: 0, ids: [a.id, b.id, c.id].sort() });
    // A decided case waits for nothing; the counter clerk is not asked.
    await ok(step(officer, a.id, 'received', { kind: 'accepted', note: null }));
    await ok(step(officer, a.id, 'accepted', { kind: 'investigating', note: null }));
    await ok(
      step(officer, a.id, 'investigating', {
        kind: 'decided',
        outcome: 'not_upheld',
        remedy: null,
        compensationFen: null,
        reasons: '已按约定提醒',
        rootCause: '无',
        fix: '无',
        complainantToldAt: new Date(t.clock.now()).toISOString(),
      }),
    );
    expect(await ids(officer)).toEqual({ overdue: 1, near: 0, ids: [c.id] });
    expect(await t.call(counter, 'complaints.deadlines', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('case numbers', () => {
  it('keep counting past 999 in a day', async () => {
    const { counter, clientId } = await branch();
    const first = await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)));
    const prefix = first.caseNo.replace(/001$/, '');
    // As if the 999th of the day had been taken (a copy of the first under that number).
    const columns = (t.store.raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('complaints') as string[]).filter(
      (c) => c !== 'id' && c !== 'case_no',
    );
    t.store.raw
      .prepare(
        `INSERT INTO complaints (id, case_no, ${columns.join(', ')}) SELECT 'planted', ?, ${columns.join(', ')} FROM complaints WHERE id = ?`,
      )
      .run(`${prefix}999`, first.id);
    expect((await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)))).caseNo).toBe(`${prefix}1000`);
    expect((await ok(t.call(counter, 'complaints.create', phoneComplaint(clientId)))).caseNo).toBe(`${prefix}1001`);
  });
});
