import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { decodeHlc, encodeHlc, tickHlc, type Hlc } from '../../src-shared/domain/hlc';
import type { Clock } from '../../src-shared/domain/clock';
import type { Transaction } from 'kysely';
import type { RawDb, Store } from '../store/open';
import type { Database } from '../store/schema';
import { deviceIdentity } from '../sync/outbox';
import { idHashKey } from './id-hash';
import { changePayload } from '../sync/outbox';
import { idHash } from './id-hash';
import { tierToken, type ClientDerived, type ClientMaster, type MonthlyAssets } from './master';
import { nameSearchTerms } from './search-terms';

type Stmt = BetterSqlite3.Statement;
const INSERTED = changePayload({ op: 'insert' });

export interface BulkContext {
  raw: RawDb;
  clock: Clock;
  branchId: string;
  deviceId: string;
  idKey: Buffer;
}

/**
 * Writes many archive rows fast, for seeding, import and applying head-office data: prepared statements inside
 * one caller-held transaction (synchronous better-sqlite3, no per-row promise). Branch-created facts (contacts,
 * assessments, points, referrals) get their outbox record in the same transaction, like every local write.
 */
export class ClientBulkWriter {
  private readonly s: Record<string, Stmt>;
  private hlc: Hlc;
  private readonly nowIso: string;

  constructor(private readonly ctx: BulkContext) {
    const { raw } = ctx;
    const last = raw.prepare("SELECT value FROM device_state WHERE key = 'hlc_last'").get() as { value: string } | undefined;
    this.hlc = last ? decodeHlc(last.value) : { millis: 0, counter: 0, device: ctx.deviceId };
    this.nowIso = new Date(ctx.clock.now()).toISOString();
    this.s = {
      client: raw.prepare(`INSERT INTO clients (id, branch_id, created_at, updated_hlc, client_no, kind, name, name_en, gender, birth_date,
        id_type, id_number, id_hash, id_tail, id_expiry, mobile, mobile_tail, province, address, occupation, industry, employer,
        income_band, interests, preferred_channel, do_not_disturb, marketing_consent, manager_id, first_business_date,
        last_activity_date, latest_assets_fen, latest_assets_date, tier, tier_rank, lifecycle, risk_level, risk_assessed_on, pinyin, initials)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_no, @kind, @name, @name_en, @gender, @birth_date,
        @id_type, @id_number, @id_hash, @id_tail, @id_expiry, @mobile, @mobile_tail, @province, @address, @occupation, @industry, @employer,
        @income_band, @interests, @preferred_channel, @do_not_disturb, @marketing_consent, @manager_id, @first_business_date,
        @last_activity_date, @latest_assets_fen, @latest_assets_date, @tier, @tier_rank, @lifecycle, @risk_level, @risk_assessed_on, @pinyin, @initials)`),
      search: raw.prepare('INSERT INTO client_search (rowid, terms) VALUES (?, ?)'),
      monthly: raw.prepare('INSERT OR REPLACE INTO client_monthly_assets (client_id, month, avg_daily_fen) VALUES (?, ?, ?)'),
      holding:
        raw.prepare(`INSERT INTO holdings (id, branch_id, created_at, updated_hlc, client_id, product_code, product_name, product_risk,
        purchase_date, amount_fen, price, current_price, expected_return, take_profit, stop_loss)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_id, @product_code, @product_name, @product_risk,
        @purchase_date, @amount_fen, @price, @current_price, @expected_return, @take_profit, @stop_loss)`),
      deposit:
        raw.prepare(`INSERT INTO term_deposits (id, branch_id, created_at, updated_hlc, client_id, amount_fen, rate, start_date, maturity_date)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_id, @amount_fen, @rate, @start_date, @maturity_date)`),
      assessment:
        raw.prepare(`INSERT INTO risk_assessments (id, branch_id, created_at, updated_hlc, client_id, level, assessed_on, face_to_face, staff_id)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_id, @level, @assessed_on, @face_to_face, @staff_id)`),
      contact:
        raw.prepare(`INSERT INTO contacts (id, branch_id, created_at, updated_hlc, client_id, at, channel, staff_id, staff_name, content,
        result, follow_up_product, follow_up_due, corrects_id, recommendation, flags)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_id, @at, @channel, @staff_id, @staff_name, @content,
        @result, @follow_up_product, @follow_up_due, @corrects_id, @recommendation, @flags)`),
      points: raw.prepare(`INSERT INTO points_ledger (id, branch_id, created_at, updated_hlc, client_id, kind, points, reason, ref_id, at)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @client_id, @kind, @points, @reason, @ref_id, @at)`),
      referral: raw.prepare(`INSERT INTO referrals (id, branch_id, created_at, updated_hlc, referrer_id, referee_id, at, points_each)
        VALUES (@id, @branch_id, @created_at, @updated_hlc, @referrer_id, @referee_id, @at, @points_each)`),
      outbox: raw.prepare('INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
      saveHlc: raw.prepare(
        "INSERT INTO device_state (key, value) VALUES ('hlc_last', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ),
    };
  }

  private nextHlc(): string {
    this.hlc = tickHlc(this.hlc, this.ctx.clock.now());
    return encodeHlc(this.hlc);
  }

  private base(id: string) {
    return { id, branch_id: this.ctx.branchId, created_at: this.nowIso, updated_hlc: this.nextHlc() };
  }

  private outbox(table: string, row: { id: string; updated_hlc: string }): void {
    this.s.outbox!.run(table, row.id, row.updated_hlc, INSERTED, this.nowIso);
  }

  /**
   * One client's master record and search index entry. `branchCreated`: the branch made it (an import), so it
   * goes to the outbox; master data from head office (and the demo data standing in for it) does not.
   */
  client(m: ClientMaster, d: ClientDerived, branchCreated = false): void {
    const terms = nameSearchTerms(m.name);
    const mobileDigits = m.mobile?.replace(/\D/g, '') ?? '';
    const row = {
      ...this.base(m.id),
      client_no: m.clientNo,
      kind: m.kind,
      name: m.name,
      name_en: m.nameEn,
      gender: m.gender,
      birth_date: m.birthDate,
      id_type: m.idType,
      id_number: m.idNumber,
      id_hash: idHash(this.ctx.idKey, m.idType, m.idNumber),
      id_tail: m.idNumber.slice(-4).toUpperCase(),
      id_expiry: m.idExpiry,
      mobile: m.mobile,
      mobile_tail: mobileDigits ? mobileDigits.slice(-4) : null,
      province: m.province,
      address: m.address,
      occupation: m.occupation,
      industry: m.industry,
      employer: m.employer,
      income_band: m.incomeBand,
      interests: JSON.stringify(m.interests),
      preferred_channel: m.preferredChannel,
      do_not_disturb: m.doNotDisturb ? 1 : 0,
      marketing_consent: m.marketingConsent ? 1 : 0,
      manager_id: m.managerId,
      first_business_date: m.firstBusinessDate,
      last_activity_date: d.lastActivityDate,
      latest_assets_fen: d.latestAssetsFen,
      latest_assets_date: d.latestAssetsDate,
      tier: d.tier,
      tier_rank: d.tierRank,
      lifecycle: d.lifecycle,
      risk_level: d.riskLevel,
      risk_assessed_on: d.riskAssessedOn,
      pinyin: terms.pinyin,
      initials: terms.initials,
    };
    const { lastInsertRowid } = this.s.client!.run(row);
    this.s.search!.run(lastInsertRowid, `${terms.terms} ${tierToken(d.tierRank)}`);
    if (branchCreated) this.outbox('clients', row);
  }

  monthly(clientId: string, months: MonthlyAssets[]): void {
    for (const m of months) this.s.monthly!.run(clientId, m.month, m.avgDailyFen);
  }

  holding(h: {
    id: string;
    clientId: string;
    productCode: string;
    productName: string;
    productRisk: string;
    purchaseDate: string;
    amountFen: number;
    price: string | null;
    currentPrice: string | null;
    expectedReturn: string | null;
    takeProfit: string | null;
    stopLoss: string | null;
  }): void {
    this.s.holding!.run({
      ...this.base(h.id),
      client_id: h.clientId,
      product_code: h.productCode,
      product_name: h.productName,
      product_risk: h.productRisk,
      purchase_date: h.purchaseDate,
      amount_fen: h.amountFen,
      price: h.price,
      current_price: h.currentPrice,
      expected_return: h.expectedReturn,
      take_profit: h.takeProfit,
      stop_loss: h.stopLoss,
    });
  }

  deposit(dep: { id: string; clientId: string; amountFen: number; rate: string; startDate: string; maturityDate: string }): void {
    this.s.deposit!.run({
      ...this.base(dep.id),
      client_id: dep.clientId,
      amount_fen: dep.amountFen,
      rate: dep.rate,
      start_date: dep.startDate,
      maturity_date: dep.maturityDate,
    });
  }

  assessment(a: { id: string; clientId: string; level: string; assessedOn: string; faceToFace: boolean; staffId: string | null }): void {
    const row = {
      ...this.base(a.id),
      client_id: a.clientId,
      level: a.level,
      assessed_on: a.assessedOn,
      face_to_face: a.faceToFace ? 1 : 0,
      staff_id: a.staffId,
    };
    this.s.assessment!.run(row);
    this.outbox('risk_assessments', row);
  }

  contact(c: {
    id: string;
    clientId: string;
    at: string;
    channel: string;
    staffId: string | null;
    staffName: string | null;
    content: string;
    result: string | null;
    followUpProduct: string | null;
    followUpDue: string | null;
  }): void {
    const row = {
      ...this.base(c.id),
      client_id: c.clientId,
      at: c.at,
      channel: c.channel,
      staff_id: c.staffId,
      staff_name: c.staffName,
      content: c.content,
      result: c.result,
      follow_up_product: c.followUpProduct,
      follow_up_due: c.followUpDue,
      corrects_id: null,
      recommendation: null,
      flags: '[]',
    };
    this.s.contact!.run(row);
    this.outbox('contacts', row);
  }

  points(p: { id: string; clientId: string; kind: string; points: number; reason: string; refId: string | null; at: string }): void {
    const row = { ...this.base(p.id), client_id: p.clientId, kind: p.kind, points: p.points, reason: p.reason, ref_id: p.refId, at: p.at };
    this.s.points!.run(row);
    this.outbox('points_ledger', row);
  }

  referral(r: { id: string; referrerId: string; refereeId: string; at: string; pointsEach: number }): void {
    const row = { ...this.base(r.id), referrer_id: r.referrerId, referee_id: r.refereeId, at: r.at, points_each: r.pointsEach };
    this.s.referral!.run(row);
    this.outbox('referrals', row);
  }

  /** Persists the clock so later stamps sort after every row written here. Call before committing. */
  finish(): void {
    this.s.saveHlc!.run(encodeHlc(this.hlc));
  }
}

/**
 * Runs a bulk write (seeding, import) in one Kysely transaction. Kysely holds the store's single connection for the
 * whole of it, so while the job yields between chunks no other request's query can slip into the open transaction
 * (and be rolled back with it on cancel): other calls wait their turn. The writer's raw statements run on that
 * same connection, inside the transaction.
 */
export async function withBulkWriter<T>(
  store: Store,
  clock: Clock,
  work: (writer: ClientBulkWriter, trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    const { deviceId, branchId } = await deviceIdentity(trx, clock);
    const idKey = await idHashKey(trx);
    const writer = new ClientBulkWriter({ raw: store.raw, clock, branchId, deviceId, idKey });
    const result = await work(writer, trx);
    writer.finish();
    return result;
  });
}
