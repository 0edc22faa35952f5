import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** Sync-ready columns (DESIGN.md): UUIDv7 id, branch, creation time, HLC of the last change, tombstone. */
export function syncColumns<TB extends string>(table: CreateTableBuilder<TB>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_hlc', 'text', (c) => c.notNull())
    .addColumn('deleted_hlc', 'text');
}

// Frozen once released: imports nothing from the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The client archive (DOMAIN.md §1). Master data comes from head office; profile enrichments are the branch's.
  await syncColumns(db.schema.createTable('clients'))
    .addColumn('client_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull()) // individual | corporate
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('gender', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    // Keyed hash of the ID number: duplicate detection never compares the number in clear (DOMAIN.md §1).
    .addColumn('id_hash', 'text', (c) => c.notNull())
    .addColumn('id_tail', 'text', (c) => c.notNull())
    .addColumn('id_expiry', 'text')
    .addColumn('mobile', 'text')
    .addColumn('mobile_tail', 'text')
    .addColumn('province', 'text')
    .addColumn('address', 'text')
    .addColumn('occupation', 'text')
    .addColumn('industry', 'text')
    .addColumn('employer', 'text')
    .addColumn('income_band', 'text')
    .addColumn('financial_goals', 'text')
    .addColumn('interests', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('preferred_channel', 'text')
    .addColumn('preferred_hours', 'text')
    .addColumn('do_not_disturb', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('marketing_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manager_id', 'text')
    .addColumn('team', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('strategic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('strategic_reason', 'text')
    .addColumn('first_business_date', 'text')
    .addColumn('last_activity_date', 'text')
    .addColumn('latest_assets_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('latest_assets_date', 'text')
    // Derived, recomputed from facts on this device, never synced as competing values.
    .addColumn('tier', 'text', (c) => c.notNull().defaultTo('ordinary'))
    .addColumn('tier_rank', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('lifecycle', 'text', (c) => c.notNull().defaultTo('prospect'))
    .addColumn('risk_level', 'text')
    .addColumn('risk_assessed_on', 'text')
    // Per-field HLC of the last write, for field-by-field last-writer-wins merges.
    .addColumn('field_hlcs', 'text', (c) => c.notNull().defaultTo('{}'))
    // Search keys (DESIGN.md: Chinese name search): full pinyin and initials of the main reading.
    .addColumn('pinyin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('initials', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('clients_id_hash').on('clients').column('id_hash').execute();
  await db.schema.createIndex('clients_mobile_tail').on('clients').columns(['mobile_tail', 'tier_rank']).execute();
  await db.schema.createIndex('clients_id_tail').on('clients').columns(['id_tail', 'tier_rank']).execute();
  // Search stages walk each tier in key order, best tier first (see clients/search.ts).
  await db.schema.createIndex('clients_tier_name').on('clients').columns(['tier_rank', 'name']).execute();
  await db.schema.createIndex('clients_tier_pinyin').on('clients').columns(['tier_rank', 'pinyin']).execute();
  await db.schema.createIndex('clients_tier_initials').on('clients').columns(['tier_rank', 'initials']).execute();
  await db.schema.createIndex('clients_manager').on('clients').columns(['manager_id', 'tier_rank']).execute();
  await db.schema.createIndex('clients_tier').on('clients').columns(['tier_rank', 'lifecycle']).execute();

  // Polyphonic names have several readings; every reading is a search key.
  await sql`CREATE VIRTUAL TABLE client_search USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(
    db,
  );

  // Head-office facts: the average daily balance of each month (月日均), per client.
  await db.schema
    .createTable('client_monthly_assets')
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('avg_daily_fen', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_monthly_assets_pk', ['client_id', 'month'])
    // Twelve rows a client, 2.4 million at 200k clients: without a rowid each is stored once, in key order.
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();

  await syncColumns(db.schema.createTable('holdings'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('product_risk', 'text', (c) => c.notNull())
    .addColumn('purchase_date', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('price', 'text')
    .addColumn('current_price', 'text')
    .addColumn('expected_return', 'text')
    .addColumn('take_profit', 'text')
    .addColumn('stop_loss', 'text')
    .execute();
  await db.schema.createIndex('holdings_client').on('holdings').column('client_id').execute();

  await syncColumns(db.schema.createTable('term_deposits'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('maturity_date', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('term_deposits_client').on('term_deposits').column('client_id').execute();
  await db.schema.createIndex('term_deposits_maturity').on('term_deposits').column('maturity_date').execute();

  await syncColumns(db.schema.createTable('risk_assessments'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('face_to_face', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .execute();
  await db.schema.createIndex('risk_assessments_client').on('risk_assessments').columns(['client_id', 'assessed_on']).execute();

  await syncColumns(db.schema.createTable('important_dates'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lunar', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'text')
    .execute();
  await db.schema.createIndex('important_dates_client').on('important_dates').column('client_id').execute();

  // Append-only facts: contacts, points and referrals are only ever inserted (a correction is a new entry).
  await syncColumns(db.schema.createTable('contacts'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('staff_name', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('follow_up_product', 'text')
    .addColumn('follow_up_due', 'text')
    .addColumn('corrects_id', 'text')
    .addColumn('recommendation', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('contacts_client').on('contacts').columns(['client_id', 'at']).execute();

  await syncColumns(db.schema.createTable('points_ledger'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('points_ledger_client').on('points_ledger').column('client_id').execute();

  await syncColumns(db.schema.createTable('referrals'))
    .addColumn('referrer_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('referee_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('points_each', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_referrer').on('referrals').column('referrer_id').execute();
  await db.schema.createIndex('referrals_referee').on('referrals').column('referee_id').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('BranchDesk migrations are forward-only'));
}
