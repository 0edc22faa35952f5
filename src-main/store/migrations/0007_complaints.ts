import { type Kysely, sql } from 'kysely';
import { syncColumns } from './0002_clients';

/** Head office's two lists as shipped (DOMAIN.md §5); head office may change them later: they are data. */
const BUSINESS_LINES: [string, string, string, string][] = [
  ['savings', '储蓄存款', '儲蓄存款', 'Savings'],
  ['debit_card', '借记卡', '金融卡', 'Debit card'],
  ['credit_card', '信用卡', '信用卡', 'Credit card'],
  ['personal_loans', '个人贷款', '個人貸款', 'Personal loans'],
  ['wealth_products', '理财产品', '理財產品', 'Wealth products'],
  ['agency_sales', '代理销售(基金、保险、贵金属)', '代理銷售(基金、保險、貴金屬)', 'Agency sales (funds, insurance, precious metals)'],
  ['payments', '支付结算', '支付結算', 'Payments'],
  ['foreign_exchange', '外汇', '外匯', 'Foreign exchange'],
  ['other', '其他', '其他', 'Other'],
];
const CAUSES: [string, string, string, string][] = [
  ['process', '业务办理流程', '業務辦理流程', 'Process'],
  ['service_attitude', '服务态度', '服務態度', 'Service attitude'],
  ['sales_practice', '营销方式', '行銷方式', 'Sales practice'],
  ['disclosure', '信息披露', '資訊揭露', 'Disclosure'],
  ['freedom_of_choice', '自主选择权', '自主選擇權', 'Freedom of choice'],
  ['pricing_and_fees', '定价收费', '定價收費', 'Pricing and fees'],
  ['returns', '收益', '收益', 'Returns'],
  ['contract_terms', '合同条款', '合約條款', 'Contract terms'],
  ['loss_of_funds', '资金损失', '資金損失', 'Loss of funds'],
  ['personal_information', '个人信息', '個人資料', 'Personal information'],
  ['debt_collection', '债务催收', '債務催收', 'Debt collection'],
  ['other', '其他', '其他', 'Other'],
];

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A complaint as taken (DOMAIN.md §5): the intake columns travel and are never changed (a correction is an event);
  // the columns after them are derived on each device from the case's events and never travel.
  await syncColumns(db.schema.createTable('complaints'))
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.references('clients.id'))
    .addColumn('complainant_kind', 'text', (c) => c.notNull()) // client | agent | heir | group | anonymous
    .addColumn('complainant_name', 'text')
    .addColumn('complainant_contact', 'text')
    .addColumn('authority_ref', 'text') // an agent's signed authority (委托书)
    .addColumn('representatives', 'text', (c) => c.notNull().defaultTo('[]')) // JSON [{ name, contact }], ≤ 5
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('business_line', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('request', 'text')
    .addColumn('amount_fen', 'integer')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('staff_involved', 'text', (c) => c.notNull().defaultTo('[]')) // JSON staff ids
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull()) // the branch's calendar day of receipt: the clock starts here
    .addColumn('regulator_ref', 'text')
    .addColumn('regulator_due', 'text')
    .addColumn('taken_by', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    // Derived from the events (domain/complaints.ts foldCase), local to this device.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('officer_id', 'text')
    .addColumn('extension', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('due_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('escalated_to', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('conflicts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_event_at', 'text')
    .execute();
  // The case list's pages: open cases by due day, one officer's cases, a client's cases, a period's register.
  await db.schema.createIndex('complaints_status_due').on('complaints').columns(['status', 'due_on', 'id']).execute();
  await db.schema.createIndex('complaints_officer').on('complaints').columns(['officer_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('complaints_client').on('complaints').columns(['client_id']).execute();
  await db.schema.createIndex('complaints_received').on('complaints').columns(['received_on']).execute();

  // Every step of a case, appended (DOMAIN.md §5: an archive of every step kept at least three years).
  await syncColumns(db.schema.createTable('complaint_events'))
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // the branch's calendar day it happened
    .addColumn('from_status', 'text', (c) => c.notNull()) // what its author saw: offline conflicts show by it
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('note', 'text')
    .addColumn('corrects_id', 'text')
    .execute();
  await db.schema.createIndex('complaint_events_case').on('complaint_events').columns(['complaint_id', 'updated_hlc']).execute();

  // The history is never edited and cases are never deleted — except demo cases, which leave with the demo data.
  const intake = sql.raw(
    [
      'case_no',
      'client_id',
      'complainant_kind',
      'complainant_name',
      'complainant_contact',
      'authority_ref',
      'representatives',
      'channel',
      'business_line',
      'cause',
      'description',
      'request',
      'amount_fen',
      'severity',
      'staff_involved',
      'received_at',
      'received_on',
      'regulator_ref',
      'regulator_due',
      'taken_by',
    ].join(', '),
  );
  await sql`CREATE TRIGGER complaints_intake_fixed BEFORE UPDATE OF ${intake} ON complaints
            BEGIN SELECT RAISE(ABORT, 'a complaint as taken is never changed: record a correction'); END`.execute(db);
  await sql`CREATE TRIGGER complaints_kept BEFORE DELETE ON complaints WHEN OLD.demo = 0
            BEGIN SELECT RAISE(ABORT, 'complaints are kept'); END`.execute(db);
  // The sync columns stay writable: enrolling moves pre-enrollment rows into the branch, a clock fix restamps them.
  await sql`CREATE TRIGGER complaint_events_no_update
            BEFORE UPDATE OF complaint_id, kind, at, day, from_status, staff_id, staff_name, data, note, corrects_id ON complaint_events
            BEGIN SELECT RAISE(ABORT, 'a complaint''s history is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER complaint_events_kept BEFORE DELETE ON complaint_events
            WHEN (SELECT demo FROM complaints WHERE id = OLD.complaint_id) = 0
            BEGIN SELECT RAISE(ABORT, 'a complaint''s history is append-only'); END`.execute(db);

  // Head office's lists, as data it may change (pulled, never pushed).
  await syncColumns(db.schema.createTable('complaint_categories'))
    .addColumn('kind', 'text', (c) => c.notNull()) // business_line | cause
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label_zh_cn', 'text', (c) => c.notNull())
    .addColumn('label_zh_tw', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('complaint_categories_code').on('complaint_categories').columns(['kind', 'code']).unique().execute();
  const shipped = [
    ...BUSINESS_LINES.map((row, i) => ['business_line', i, ...row] as const),
    ...CAUSES.map((row, i) => ['cause', i, ...row] as const),
  ];
  for (const [kind, position, code, zhCn, zhTw, en] of shipped) {
    // Fixed ids, so head office's later change to a shipped entry replaces it; stamp 0 loses to any real change.
    await sql`INSERT INTO complaint_categories (id, branch_id, created_at, updated_hlc, kind, code, label_zh_cn, label_zh_tw, label_en, position)
              VALUES (${`${kind}:${code}`}, 'hq', '2026-12-01T00:00:00.000Z', '0', ${kind}, ${code}, ${zhCn}, ${zhTw}, ${en}, ${position})`.execute(
      db,
    );
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
