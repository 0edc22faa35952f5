import ExcelJS from 'exceljs';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { ClientSummary } from '../../src-shared/contract';
import { testApp, withAdmin, type TestApp } from '../../test/fixtures/store';
import { seedDemoClients } from './seed/run';

let t: TestApp;
const W = 'admin-window';
beforeAll(async () => {
  t = await testApp();
  await withAdmin(t);
  await seedDemoClients(t.store, t.clock, { clients: 800, seed: 11, actor: 'test' });
});
afterAll(async () => t.cleanup());

type Page = { rows: ClientSummary[]; nextCursor: string | null };
async function all(filters: Record<string, unknown>): Promise<ClientSummary[]> {
  const out: ClientSummary[] = [];
  let after: string | null = null;
  do {
    const res = await t.call(W, 'clients.list', { filters, after, limit: 97 });
    if (!res.ok) throw new Error(res.error.message);
    const page: Page = res.value;
    out.push(...page.rows);
    after = page.nextCursor;
  } while (after);
  return out;
}

describe('the client list', () => {
  it('pages through every client once, in client-number order', async () => {
    const rows = await all({});
    expect(rows).toHaveLength(800);
    expect(new Set(rows.map((r) => r.clientNo)).size).toBe(800);
    expect([...rows.map((r) => r.clientNo)].sort()).toEqual(rows.map((r) => r.clientNo));
  });

  it('filters by tier, lifecycle, expired assessment, interest and relationship manager', async () => {
    const vip = await all({ tier: 'vip' });
    expect(vip.length).toBeGreaterThan(10);
    expect(vip.every((r) => r.tier === 'vip')).toBe(true);
    expect((await all({ lifecycle: 'churned' })).every((r) => r.lifecycle === 'churned')).toBe(true);
    const expired = await all({ riskExpired: true });
    const valid = await all({ riskExpired: false });
    expect(expired.every((r) => r.riskExpired) && valid.every((r) => !r.riskExpired)).toBe(true);
    expect(expired.length + valid.length).toBe(800);
    const golfers = await all({ tag: '高尔夫' });
    const expected = (t.store.raw.prepare(`SELECT count(*) AS n FROM clients WHERE interests LIKE '%"高尔夫"%'`).get() as { n: number }).n;
    expect(golfers).toHaveLength(expected);
    const rm = t.store.raw.prepare("SELECT id, display_name FROM staff WHERE login = 'rm01'").get() as { id: string; display_name: string };
    const managed = await all({ managerId: rm.id });
    expect(managed.length).toBeGreaterThan(0);
    expect(managed.every((r) => r.managerName === rm.display_name)).toBe(true);
  });
});

describe('exporting the list', () => {
  it('writes a masked CSV that Excel opens in Chinese, and records who exported what', async () => {
    const res = await t.call(W, 'clients.export', { jobId: 'e0e0e0e0-0001', format: 'csv', filters: { tier: 'vip' } });
    if (!res.ok) throw new Error(res.error.message);
    const { contentBase64, rows, fileName } = res.value;
    const bytes = Buffer.from(contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('客户号,姓名,客户层级,生命周期,手机号（脱敏）,证件号码（脱敏）,客户经理,风险等级,测评过期');
    expect(lines).toHaveLength(rows + 1);
    expect(lines.slice(1).every((l) => l.includes(',贵宾,'))).toBe(true);
    // No full mobile or ID number leaves in an export.
    const text = bytes.toString('utf8');
    const secrets = t.store.raw.prepare("SELECT mobile, id_number FROM clients WHERE tier = 'vip'").all() as {
      mobile: string;
      id_number: string;
    }[];
    expect(secrets.length).toBe(rows);
    for (const s of secrets) expect(text.includes(s.mobile) || text.includes(s.id_number)).toBe(false);
    const audit = await t.call(W, 'audit.list', { limit: 1 });
    expect(audit).toMatchObject({
      value: [{ method: 'clients.export', targetIds: [`export:${fileName}`, `rows:${rows}`, 'filters:{"tier":"vip"}'] }],
    });
  });

  it('writes XLSX with every cell as text', async () => {
    const res = await t.call(W, 'clients.export', { jobId: 'e0e0e0e0-0002', format: 'xlsx', filters: { lifecycle: 'new' } });
    if (!res.ok) throw new Error(res.error.message);
    const { contentBase64, rows } = res.value as { contentBase64: string; rows: number };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(rows + 1);
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^9\d{13}$/);
  });
});
