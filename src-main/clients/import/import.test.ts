import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-shared/contract';
import { makeMainlandId } from '../../../src-shared/domain/id-number';
import { addClients } from '../../../test/fixtures/clients';
import { testApp, withAdmin, type TestApp } from '../../../test/fixtures/store';
import { importClients, type ImportOptions } from './run';

let t: TestApp;
afterEach(async () => t.cleanup());

const good1 = makeMainlandId('310115', '1985-04-12', '123');
const good2 = makeMainlandId('440304', '1990-09-30', '246');
// The same number with its check digit changed: a typing slip the checksum catches.
const badChecksum = good2.slice(0, 17) + (good2.endsWith('0') ? '1' : '0');

const HEADER = '客户号,姓名,证件号码,手机号,性别,客户经理';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8');
const AUDIT = { staffId: null, staffLogin: 'test', method: 'clients.import', targetIds: [] };

async function run(bytes: Buffer, extra: Partial<ImportOptions> = {}) {
  return importClients(t.store, t.clock, DEFAULT_SETTINGS, '2026-11-02', {
    fileName: 'clients.csv',
    bytes,
    dryRun: false,
    audit: AUDIT,
    ...extra,
  });
}
const count = (sql: string) => (t.store.raw.prepare(sql).get() as { n: number }).n;

describe('importing client master data', () => {
  it('imports the good rows in one go and reports each bad one with its row and reason, masked', async () => {
    t = await testApp();
    await withAdmin(t);
    await addClients(t.store, t.clock, [{ name: '已有客户', clientNo: '620100009999' }]);
    const report = await run(
      csv(
        `620100000001,陈美玲,${good1},13812345678,女,admin`,
        `620100000002,赵国庆,${badChecksum},13912345678,男,`,
        `620100000003,钱多多,${good2},1381234,男,`,
        `620100000001,重复号,${good2},13712345678,男,`,
        `620100009999,已在档案,${good2},13712345678,男,`,
        `620100000004,周无名,${good2},13612345678,男,nobody`,
        `620100000005,,${good2},13612345678,男,`,
        `620100000006,"林, 晓",${good2},+852 6123 4567,女,王建国`,
      ),
    );
    expect(report).toMatchObject({ rows: 8, imported: 2, rejected: 6 });
    expect(report.errors.map((e) => [e.row, e.field, e.key])).toEqual([
      [3, 'idNumber', 'import.bad_id_checksum'],
      [4, 'mobile', 'import.bad_mobile'],
      [5, 'clientNo', 'import.duplicate_client_no'],
      [6, 'clientNo', 'import.duplicate_client_no'],
      [7, 'manager', 'import.unknown_manager'],
      [8, 'name', 'import.missing_required'],
    ]);
    // The error report never shows an ID number in clear.
    expect(report.errors[0]?.value).toMatch(/\*{6}$/);
    expect(JSON.stringify(report)).not.toContain(badChecksum);
    const imported = t.store.raw
      .prepare("SELECT name, gender, birth_date, mobile FROM clients WHERE client_no LIKE '6201000000%' ORDER BY client_no")
      .all();
    expect(imported).toEqual([
      { name: '陈美玲', gender: 'female', birth_date: '1985-04-12', mobile: '13812345678' },
      { name: '林, 晓', gender: 'female', birth_date: '1990-09-30', mobile: '+85261234567' },
    ]);
    expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'clients'")).toBe(2);
    // Found at the counter straight away.
    const found = await t.call('admin-window', 'clients.search', { q: 'cml' });
    expect(found.ok && (found.value as { results: { name: string }[] }).results.map((r) => r.name)).toEqual(['陈美玲']);
  });

  it('previews without writing anything', async () => {
    t = await testApp();
    await withAdmin(t);
    const report = await run(csv(`620100000001,陈美玲,${good1},13812345678,女,`), { dryRun: true });
    expect(report).toMatchObject({ rows: 1, imported: 0, rejected: 0, preview: [{ name: '陈美玲', maskedMobile: '138****5678' }] });
    expect(report.mapping).toEqual({ clientNo: 0, name: 1, idNumber: 2, mobile: 3, gender: 4, manager: 5 });
    expect(count('SELECT count(*) AS n FROM clients')).toBe(0);
  });

  it('refuses a file without the required columns, and a file of another type, with a clear error', async () => {
    t = await testApp();
    await withAdmin(t);
    await expect(run(Buffer.from('姓名,手机号\n陈美玲,13812345678'))).rejects.toMatchObject({ key: 'errors.import.unmapped' });
    await expect(run(Buffer.from('x'), { fileName: 'clients.pdf' })).rejects.toMatchObject({ key: 'errors.import.file_type' });
    await expect(run(Buffer.from('not a zip'), { fileName: 'clients.xlsx' })).rejects.toMatchObject({ key: 'errors.import.unreadable' });
  });

  it('reads .xlsx workbooks and GB18030 CSV as Excel saves them', async () => {
    t = await testApp();
    await withAdmin(t);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户');
    sheet.addRow(['客户号', '姓名', '证件号码', '出生日期']);
    sheet.addRow(['620100000011', '韩梅梅', good1, new Date(Date.UTC(1985, 3, 12))]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await run(xlsx, { fileName: '客户.xlsx' })).toMatchObject({ imported: 1, rejected: 0 });
    // 李雷 in GB18030: C0EE C0D7.
    const gbFile = Buffer.concat([
      Buffer.from([
        0xbf, 0xcd, 0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd6, 0xa4, 0xbc, 0xfe, 0xba, 0xc5, 0xc2, 0xeb, 0x0d, 0x0a,
      ]),
      Buffer.from('620100000012,'),
      Buffer.from([0xc0, 0xee, 0xc0, 0xd7]),
      Buffer.from(`,${good2}\r\n`),
    ]);
    expect(await run(gbFile, { fileName: 'gbk.csv' })).toMatchObject({ imported: 1, rejected: 0 });
    expect(t.store.raw.prepare("SELECT name FROM clients WHERE client_no = '620100000012'").get()).toEqual({ name: '李雷' });
  });

  it('keeps nothing when cancelled part-way', async () => {
    t = await testApp();
    await withAdmin(t);
    const lines = Array.from({ length: 1200 }, (_, i) => `6202${String(i).padStart(8, '0')},客户${i},${good1},,,`);
    const cancel = new AbortController();
    await expect(run(csv(...lines), { signal: cancel.signal, onProgress: () => cancel.abort() })).rejects.toMatchObject({
      key: 'errors.cancelled',
    });
    expect(count('SELECT count(*) AS n FROM clients')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE method = 'clients.import'")).toBe(0);
  });

  it('never takes another request’s write down with it when cancelled', async () => {
    t = await testApp();
    await withAdmin(t);
    const [existing] = await addClients(t.store, t.clock, [{ name: '柜台客户' }]);
    const lines = Array.from({ length: 1200 }, (_, i) => `6204${String(i).padStart(8, '0')},客户${i},${good1},,,`);
    const cancel = new AbortController();
    let contact: ReturnType<TestApp['call']> | undefined;
    const job = run(csv(...lines), {
      signal: cancel.signal,
      onProgress: () => {
        // A colleague logs a contact while the import is part-way; then the import is cancelled.
        contact = t.call('admin-window', 'clients.logContact', { clientId: existing!, channel: 'counter', content: '办理转账' });
        cancel.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ key: 'errors.cancelled' });
    expect(await contact).toMatchObject({ ok: true });
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(1);
    expect(count("SELECT count(*) AS n FROM clients WHERE client_no LIKE '6204%'")).toBe(0);
  });

  it('runs from the screen as a job with progress, for managers only, and is audited', async () => {
    t = await testApp();
    await withAdmin(t);
    const events: unknown[] = [];
    t.app.emit = (channel, event, payload) => events.push({ channel, event, payload });
    const lines = Array.from({ length: 1100 }, (_, i) => `6203${String(i).padStart(8, '0')},客户${i},${good1},,,`);
    const contentBase64 = csv(...lines).toString('base64');
    const res = await t.call('admin-window', 'clients.import', {
      jobId: '0a1b2c3d-0001',
      fileName: 'big.csv',
      contentBase64,
      dryRun: false,
    });
    expect(res.ok && res.value.imported).toBe(1100);
    expect(events.at(-1)).toEqual({
      channel: 'admin-window',
      event: 'job.progress',
      payload: { jobId: '0a1b2c3d-0001', done: 1100, total: 1100 },
    });
    const audit = await t.call('admin-window', 'audit.list', { limit: 1 });
    expect(audit).toMatchObject({ value: [{ method: 'clients.import', staffLogin: 'admin', targetIds: ['file:big.csv'] }] });
    await t.call('admin-window', 'staff.create', { login: 'teller', displayName: '柜员', roles: ['counter'], password: 'teller-pass-1' });
    await t.call('teller-window', 'auth.signIn', { login: 'teller', password: 'teller-pass-1' });
    expect(
      await t.call('teller-window', 'clients.import', { jobId: '0a1b2c3d-0002', fileName: 'x.csv', contentBase64, dryRun: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
