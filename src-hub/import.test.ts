import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src-shared/domain/clock';
import { decodeHlc } from '../src-shared/domain/hlc';
import { encodePasswordHash, PASSWORD_SCRYPT, scryptOptions } from '../src-shared/domain/password-hash';
import { makeMainlandId } from '../src-shared/domain/id-number';
import { type Change, changeProblem } from '../src-shared/sync/protocol';
import { decodeMonths, monthlyAssetsRowId } from '../src-shared/sync/tables';
import { openHubDb, type HubDb } from './db';
import { HubHlc } from './hlc';
import { importMasterData, type MasterImportOptions } from './import';
import { HubService } from './service';

const PG_URL = process.env.HUB_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STORES = process.env.BRANCHDESK_SKIP_PG === '1' ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const);
const BRANCH = '0931';

const ID_ZHANG = makeMainlandId('110105', '1990-03-07', '123'); // a man
const ID_LI = makeMainlandId('310101', '1985-11-20', '246'); // a woman
const ID_WANG = makeMainlandId('440305', '1972-01-31', '015');
/** The last character changed: a well-formed number with a wrong check character. */
const ID_MISTYPED = ID_ZHANG.slice(0, 17) + (ID_ZHANG.endsWith('0') ? '1' : '0');

/** A clock standing still unless moved: 20 November 2026, 10:00 in Beijing. */
function testClock(start = Date.UTC(2026, 10, 20, 2, 0)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

function utf8(...lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

function withBom(bytes: Uint8Array): Uint8Array {
  return new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
}

interface Feed {
  seq: number;
  table: string;
  rowId: string;
  hlc: string;
  values: Record<string, string | number | null>;
}

describe.each(STORES)('head office master data import (%s hub)', (store) => {
  let hub: HubDb;
  let schema: string;
  let dataDir: string;
  let clock: ReturnType<typeof testClock>;
  let hlc: HubHlc;

  beforeEach(async () => {
    clock = testClock();
    hlc = new HubHlc(clock);
    schema = `hubimp_${crypto.randomBytes(6).toString('hex')}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchdesk-hubimp-'));
    hub = await openHubDb(store === 'sqlite' ? { dataDir, key: crypto.randomBytes(32) } : { databaseUrl: PG_URL, schema });
    await new HubService(hub, clock).ensureBranch(BRANCH, '浦东支行');
  });

  afterEach(async () => {
    await hub.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (store === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    }
  });

  const run = (kind: MasterImportOptions['kind'], bytes: Uint8Array, more: Partial<MasterImportOptions> = {}) =>
    importMasterData(hub, clock, { branchId: BRANCH, kind, bytes, hlc, ...more });

  async function feed(): Promise<Feed[]> {
    const rows = await hub.db
      .selectFrom('hub_changes')
      .select(['seq', 'table_name', 'row_id', 'hlc', 'payload', 'origin'])
      .where('branch_id', '=', BRANCH)
      .orderBy('seq')
      .execute();
    return rows.map((r) => {
      expect(r.origin).toBe('hub');
      return {
        seq: r.seq,
        table: r.table_name,
        rowId: r.row_id,
        hlc: r.hlc,
        values: (JSON.parse(r.payload) as Pick<Feed, 'values'>).values,
      };
    });
  }

  /** Every stored change is one a workstation accepts from the hub, stamped by head office, in rising order. */
  function expectPullable(changes: Feed[]): void {
    let last = '';
    for (const c of changes) {
      const change = { ...c, op: 'upsert', branchId: BRANCH } as Change;
      expect(changeProblem(change, 'pull')).toBeNull();
      expect(decodeHlc(c.hlc).device).toBe('hub');
      expect(c.hlc > last).toBe(true);
      last = c.hlc;
    }
  }

  async function importClients(): Promise<Map<string, string>> {
    await run('clients', utf8('客户号,姓名,证件号码,手机', `62010001,张建国,${ID_ZHANG},13812345678`, `62010002,李秀英,${ID_LI},`));
    return new HubService(hub, clock).clientIds(BRANCH, ['62010001', '62010002']);
  }

  it('loads a branch’s clients from a UTF-8 file with a BOM, as the workstation stores them', async () => {
    const bytes = withBom(
      utf8(
        '客户号,客户姓名,证件类型,证件号码,手机号码,性别,出生日期,客户类型,省份,行业,收入区间,开户日期,地址(元),',
        `62010001,张建国,居民身份证,${ID_ZHANG},+86 138-1234-5678,,,个人,北京,金融,30-50万,2019/3/8,北京市朝阳区,`,
        `62010002,"李秀英",,${ID_LI.toLowerCase()},,女,1985-11-20,,上海,,,,,`,
        `C-0003,恒信贸易有限公司,其他,91310000MA1FL0000X,,,,对公,,,,,,`,
      ),
    );
    const report = await run('clients', bytes);
    expect(report).toMatchObject({ rows: 3, valid: 3, rejected: 0, changes: 3, written: 3, errors: [] });
    expect(report.columns).toMatchObject({ client_no: '客户号', name: '客户姓名', mobile: '手机号码', first_business_date: '开户日期' });
    expect(report.ignoredColumns).toEqual(['地址(元)']);

    const changes = await feed();
    expectPullable(changes);
    expect(changes.map((c) => c.table)).toEqual(['clients', 'clients', 'clients']);
    expect(changes[0]?.values).toEqual({
      client_no: '62010001',
      name: '张建国',
      kind: 'individual',
      id_type: 'resident_id',
      id_number: ID_ZHANG,
      gender: 'male', // from the ID: the 17th digit is odd
      birth_date: '1990-03-07', // from the ID
      mobile: '13812345678',
      province: '北京',
      industry: '金融',
      income_band: '30-50万',
      first_business_date: '2019-03-08',
      created_at: '2026-11-20T02:00:00.000Z',
    });
    expect(changes[1]?.values).toMatchObject({
      id_number: ID_LI,
      gender: 'female',
      birth_date: '1985-11-20',
      mobile: null,
      kind: 'individual',
    });
    expect(changes[2]?.values).toMatchObject({ kind: 'corporate', id_type: 'other', gender: null, birth_date: null });
    const ids = await new HubService(hub, clock).clientIds(BRANCH, ['62010001', '62010002', 'C-0003']);
    expect([...ids.values()]).toEqual(changes.map((c) => c.rowId));
  });

  it('reads a GB18030 file as Excel on a Chinese Windows saves it', async () => {
    // 客户号,姓名,证件号码 and 李雷 in GB18030.
    const header = [0xbf, 0xcd, 0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd6, 0xa4, 0xbc, 0xfe, 0xba, 0xc5, 0xc2, 0xeb];
    const bytes = new Uint8Array([
      ...header,
      0x0d,
      0x0a,
      ...new TextEncoder().encode('62010005,'),
      ...[0xc0, 0xee, 0xc0, 0xd7],
      ...new TextEncoder().encode(`,${ID_WANG}\r\n`),
    ]);
    expect(await run('clients', bytes)).toMatchObject({ valid: 1, written: 1 });
    expect((await feed())[0]?.values).toMatchObject({ client_no: '62010005', name: '李雷', id_number: ID_WANG });
  });

  it('reports bad rows by line with masked values and imports only the good ones', async () => {
    const bytes = utf8(
      'client_no,name,id_number,mobile,birth_date',
      `62010001,张建国,${ID_ZHANG},13812345678,`,
      `62010002,李秀英,${ID_MISTYPED},13812345679,`,
      `62010003,"王
芳",${ID_LI},1381234,`,
      `62010001,张建国,${ID_ZHANG},,`,
      `62010004,,${ID_WANG},,1972-02-30`,
    );
    const report = await run('clients', bytes);
    expect(report).toMatchObject({ rows: 5, valid: 1, rejected: 4, written: 1 });
    expect(report.errors).toEqual([
      { line: 3, field: 'id_number', key: 'import.bad_id_checksum', value: `${ID_MISTYPED.slice(0, 12)}******` },
      // The quoted name spans two lines: the record starts on line 4, the next one on line 6.
      { line: 4, field: 'mobile', key: 'import.bad_mobile', value: '*****34' },
      { line: 6, field: 'client_no', key: 'import.duplicate_client_no', value: '62010001' },
      { line: 7, field: 'name', key: 'import.missing_required', value: '' },
      { line: 7, field: 'birth_date', key: 'import.bad_date', value: '1972-02-30' },
    ]);
    expect(JSON.stringify(report)).not.toContain(ID_MISTYPED);
    const changes = await feed();
    expect(changes.map((c) => c.values.client_no)).toEqual(['62010001']);
  });

  it('keeps a client’s row id when head office sends the client again, and sends only the columns in the file', async () => {
    await run('clients', utf8('客户号,姓名,证件号码,手机', `62010001,张建国,${ID_ZHANG},13812345678`));
    clock.advance(60_000);
    const again = await run('clients', utf8('客户号,手机', '62010001,13900001111', '62019999,13900002222'));
    // A client number the hub has never seen needs a name and an ID number.
    expect(again.errors.map((e) => [e.line, e.field, e.key])).toEqual([
      [3, 'name', 'import.missing_required'],
      [3, 'id_number', 'import.missing_required'],
    ]);
    const [first, second] = await feed();
    expect(second?.rowId).toBe(first?.rowId);
    expect(second?.values).toEqual({ client_no: '62010001', mobile: '13900001111' });
    expect(second && first && second.hlc > first.hlc).toBe(true);
  });

  it('writes nothing on a dry run', async () => {
    const report = await run('clients', utf8('客户号,姓名,证件号码', `62010001,张建国,${ID_ZHANG}`, `62010002,李秀英,${ID_MISTYPED}`), {
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, rows: 2, valid: 1, rejected: 1, changes: 1, written: 0 });
    expect(await feed()).toEqual([]);
    expect((await new HubService(hub, clock).listBranches())[0]?.change_seq).toBe(0);
  });

  it('sends monthly average balances as one series per client and the latest day’s balance as a partial client update', async () => {
    const ids = await importClients();
    const zhang = ids.get('62010001') ?? '';
    const li = ids.get('62010002') ?? '';
    const report = await run(
      'balances',
      utf8(
        '客户号,月份,月日均(元),日期,余额(元)',
        '62010001,2026-09,"500,000.00",,',
        '62010001,202610,0.29,2026-10-30,612345.60',
        '62010001,,,2026-10-31,"1,234,567.89"',
        '62010002,2026-10,100,,',
        '62019999,2026-10,100,,', // unknown client
        '62010002,2026-09,12.345,,', // three decimals
        '62010002,2026-10,200,,', // the same month again
        '62010002,,,,',
      ),
    );
    expect(report.errors.map((e) => [e.line, e.field, e.key])).toEqual([
      [6, 'client_no', 'import.unknown_client'],
      [7, 'avg_daily', 'import.bad_amount'],
      [8, 'month', 'import.duplicate_month'],
      [9, 'month', 'import.missing_required'],
    ]);
    expect(report).toMatchObject({ rows: 8, valid: 4, rejected: 4, changes: 3, written: 3 });
    const changes = (await feed()).slice(2);
    expectPullable(changes);
    const series = changes.filter((c) => c.table === 'client_monthly_assets');
    expect(series.map((c) => [c.rowId, c.values.client_id, decodeMonths(String(c.values.months))])).toEqual([
      [
        monthlyAssetsRowId(zhang),
        zhang,
        [
          { month: '2026-09', avgDailyFen: 50_000_000 },
          { month: '2026-10', avgDailyFen: 29 },
        ],
      ],
      [monthlyAssetsRowId(li), li, [{ month: '2026-10', avgDailyFen: 10_000 }]],
    ]);
    expect(changes.find((c) => c.table === 'clients')).toMatchObject({
      rowId: zhang,
      values: { latest_assets_fen: 123_456_789, latest_assets_date: '2026-10-31' },
    });
    expect(Object.keys(changes.find((c) => c.table === 'clients')?.values ?? {})).toHaveLength(2);
  });

  it('loads large transactions, term deposits and holdings for known clients, a resent record keeping its id', async () => {
    const ids = await importClients();
    const zhang = ids.get('62010001');
    const tx = await run(
      'transactions',
      utf8(
        '流水号,客户号,交易时间,交易金额,收付方向,渠道,对方户名,摘要',
        'T001,62010001,2026-11-19 14:30:00,"600,000.00",转出,手机银行,某某投资有限公司,投资款',
        'T002,62010002,2026-11-19,550000,收,柜面,,',
        'T003,62010001,2026-11-19,550000,sideways,,,',
        'T004,62010001,2026-11-19,-5,out,,,',
        'T001,62010002,2026-11-19,1,in,,,',
      ),
    );
    expect(tx.errors.map((e) => [e.line, e.field, e.key])).toEqual([
      [4, 'direction', 'import.bad_direction'],
      [5, 'amount', 'import.bad_amount'],
      [6, 'ref', 'import.duplicate_ref'],
    ]);
    const deposits = await run(
      'deposits',
      utf8(
        'client_no,amount,rate,start_date,maturity_date',
        '62010001,200000,1.75%,2025-12-01,2026-12-01',
        '62010002,100000,1.45,2026-12-01,2026-06-01',
      ),
    );
    expect(deposits.errors.map((e) => [e.line, e.key])).toEqual([[3, 'import.maturity_before_start']]);
    const holdings = await run(
      'holdings',
      utf8(
        '客户号,产品代码,产品名称,风险等级,购买日期,购买金额,购买净值,最新净值,预期收益率,止盈,止损',
        '62010001,LC-90,稳享90天理财,R2,2026-08-01,50000,1.0000,1.0123,3.20%,1.2,0.9',
        '62010002,PE-01,私募股权,R6,2026-08-01,50000,,,,,',
      ),
    );
    expect(holdings.errors.map((e) => [e.line, e.key])).toEqual([[3, 'import.bad_risk']]);

    let changes = (await feed()).slice(2);
    expectPullable(changes);
    const [t1, t2, deposit, holding] = changes;
    expect(t1).toMatchObject({
      table: 'large_transactions',
      values: {
        client_id: zhang,
        at: '2026-11-19T06:30:00.000Z',
        amount_fen: 60_000_000,
        direction: 'out',
        channel: '手机银行',
        counterparty: '某某投资有限公司',
        description: '投资款',
      },
    });
    expect(t2?.values).toMatchObject({ at: '2026-11-19', direction: 'in', channel: '柜面', counterparty: null });
    expect(deposit).toMatchObject({
      table: 'term_deposits',
      values: { client_id: zhang, amount_fen: 20_000_000, rate: '1.75', start_date: '2025-12-01', maturity_date: '2026-12-01' },
    });
    expect(holding).toMatchObject({
      table: 'holdings',
      values: {
        product_risk: 'R2',
        amount_fen: 5_000_000,
        price: '1.0000',
        current_price: '1.0123',
        expected_return: '3.20',
        stop_loss: '0.9',
      },
    });

    // Head office resends T001 with a corrected description: the same row, a later stamp.
    await run(
      'transactions',
      utf8('流水号,客户号,交易时间,交易金额,收付方向,摘要', 'T001,62010001,2026-11-19 14:30,600000,转出,投资款（已核实）'),
    );
    changes = await feed();
    const resent = changes.at(-1);
    expect(resent?.rowId).toBe(t1?.rowId);
    expect(resent?.values.description).toBe('投资款（已核实）');
  });

  it('sends staff accounts with a first password the workstation verifies, and never prints it', async () => {
    const report = await run(
      'staff',
      utf8(
        '工号,姓名,角色,停用,初始密码',
        'zhangwei,张伟,柜员、网点负责人,0,Spring2026!',
        'lina,李娜,events,,',
        'Bad Login,王五,counter,,Spring2026!',
        'liuyang,刘洋,counter|cashier,,Tiny7',
      ),
    );
    expect(report.errors).toEqual([
      { line: 4, field: 'login', key: 'import.bad_login', value: 'Bad Login' },
      { line: 5, field: 'roles', key: 'import.bad_roles', value: 'counter|cashier' },
      { line: 5, field: 'password', key: 'import.password_short', value: '' },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/Spring2026|Tiny7/);
    const [zhang, li] = await feed();
    expectPullable([zhang, li].filter((c): c is Feed => c !== undefined));
    expect(zhang?.values).toMatchObject({ login: 'zhangwei', display_name: '张伟', roles: '["counter","manager"]', disabled: 0 });
    // A scrypt hash under the parameters the workstation verifies with (test/sync/sync.test.ts signs in with one).
    const salt = Buffer.from(String(zhang?.values.password_salt), 'hex');
    const hashOf = (password: string) =>
      encodePasswordHash(
        PASSWORD_SCRYPT,
        crypto.scryptSync(password.normalize('NFC'), salt, PASSWORD_SCRYPT.keyLength, scryptOptions(PASSWORD_SCRYPT)).toString('hex'),
      );
    expect(zhang?.values.password_hash).toBe(hashOf('Spring2026!'));
    expect(zhang?.values.password_hash).not.toBe(hashOf('Spring2026'));
    expect(li?.values).not.toHaveProperty('password_hash');

    // Resent: the same account (row id), and its login names a client's relationship manager.
    await run('staff', utf8('login,display_name,roles,disabled', 'zhangwei,张伟,counter,1'));
    const resent = (await feed()).at(-1);
    expect(resent?.rowId).toBe(zhang?.rowId);
    expect(resent?.values).toEqual({ login: 'zhangwei', display_name: '张伟', roles: '["counter"]', disabled: 1 });
    const clients = await run(
      'clients',
      utf8('客户号,姓名,证件号码,客户经理', `62010001,张建国,${ID_ZHANG},zhangwei`, `62010002,李秀英,${ID_LI},nobody`),
    );
    expect(clients.errors.map((e) => [e.line, e.key])).toEqual([[3, 'import.unknown_manager']]);
    expect((await feed()).at(-1)?.values.manager_id).toBe(zhang?.rowId);
  });

  it('sends next year’s holidays and make-up working days, one row a day that replaces the shipped one', async () => {
    const report = await run(
      'calendar',
      utf8(
        '日期,类型,节日',
        '2027-02-06,休,春节',
        '2027-02-07,放假,春节',
        '2027-02-20,调休上班,春节',
        '2027-02-30,休,春节',
        '2027-02-21,maybe,',
        '2027-02-06,休,春节',
      ),
    );
    expect(report.errors.map((e) => [e.line, e.field, e.key])).toEqual([
      [5, 'day', 'import.bad_date'],
      [6, 'kind', 'import.bad_kind'],
      [7, 'day', 'import.duplicate_ref'],
    ]);
    const changes = await feed();
    expect(changes.map((c) => [c.table, c.rowId, c.values])).toEqual([
      ['work_calendar', 'calendar:2027-02-06', { day: '2027-02-06', kind: 'holiday', name: '春节' }],
      ['work_calendar', 'calendar:2027-02-07', { day: '2027-02-07', kind: 'holiday', name: '春节' }],
      ['work_calendar', 'calendar:2027-02-20', { day: '2027-02-20', kind: 'workday', name: '春节' }],
    ]);
    expectPullable(changes);
  });

  it('keeps nothing when cancelled before the write, and refuses files it cannot read as the kind', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) => `6203${String(i).padStart(6, '0')},客户${i},${ID_ZHANG}`);
    const cancel = new AbortController();
    await expect(
      run('clients', utf8('客户号,姓名,证件号码', ...lines), { signal: cancel.signal, onProgress: () => cancel.abort() }),
    ).rejects.toMatchObject({ key: 'import.cancelled' });
    expect(await feed()).toEqual([]);

    await expect(run('balances', utf8('客户号,余额', '62010001,100'))).rejects.toMatchObject({
      key: 'import.missing_columns',
      params: { columns: 'date' },
    });
    await expect(run('clients', utf8('客户号,姓名'))).rejects.toMatchObject({ key: 'import.empty' });
    await expect(run('clients', utf8('客户号,姓名', '1,2'), { branchId: 'NOPE' })).rejects.toMatchObject({ key: 'import.unknown_branch' });
  });
});

describe('npm run hub -- import', () => {
  it('prints the report, exits 3 when rows were rejected, and writes nothing on --dry-run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchdesk-hubimp-cli-'));
    try {
      const file = path.join(dir, 'clients.csv');
      fs.writeFileSync(
        file,
        withBom(utf8('客户号,姓名,证件号码,手机', `62010001,张建国,${ID_ZHANG},13812345678`, `62010002,李秀英,${ID_MISTYPED},`)),
      );
      const keyFile = path.join(dir, 'hub.key');
      fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('hex'));
      const hubCli = (...args: string[]) =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'src-hub/cli.ts', ...args, '--data-dir', path.join(dir, 'data'), '--key-file', keyFile],
          {
            cwd: path.resolve(import.meta.dirname, '..'),
            encoding: 'utf8',
          },
        );
      const unknown = hubCli('import', '--branch', BRANCH, '--kind', 'clients', file);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain(`no branch ${BRANCH}`);

      const dry = hubCli('import', '--branch', BRANCH, '--name', '浦东支行', '--kind', 'clients', file, '--dry-run', '--json');
      expect(dry.status).toBe(3);
      expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, valid: 1, rejected: 1, written: 0 });
      expect(dry.stdout).not.toContain(ID_MISTYPED);

      const real = hubCli('import', '--branch', BRANCH, '--kind', 'clients', file);
      expect(real.status).toBe(3);
      expect(real.stdout).toContain('1 changes appended');
      expect(real.stdout).toMatch(/line 3\s+id_number\s+import\.bad_id_checksum/);
      expect(hubCli('branches').stdout).toMatch(/0931\s+浦东支行\s+devices 0\s+changes 1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
