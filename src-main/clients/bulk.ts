import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../../src-shared/domain/clock';
import type { Kysely, Transaction } from 'kysely';
import type { RawDb, Store } from '../store/open';
import type { Database } from '../store/schema';
import { DeviceClock } from '../sync/device-clock';
import { changePayload } from '../sync/outbox';
import { deviceIdentity } from '../sync/state';
import { idHash, idHashKey } from './id-hash';
import type { ClientDerived, ClientMaster, MonthlyAssets } from './master';
import { ClientSearchIndex } from './search-index';
import { cachedNameSearchTerms, type NameTerms } from './search-terms';

type Stmt = BetterSqlite3.Statement;
const INSERTED = changePayload({ op: 'insert' });
// Monthly rows go in as one multi-row INSERT per client (twelve rows, one statement): a statement execution costs
// more than a row of this small table.
const MONTHLY_ROWS_PER_STATEMENT = 12;

export interface BulkContext {
  raw: RawDb;
  clock: Clock;
  /** The device's stamps: the same offset-corrected clock every other write uses. */
  stamps: DeviceClock;
  branchId: string;
  idKey: Buffer;
  /** Demo data (seeding): every client is marked demo and nothing enters the outbox (DESIGN.md). */
  demo: boolean;
}

/** The keys a client row is found and matched by, made on each device from its master data. */
export interface ClientKeys {
  terms: NameTerms;
  idHash: string;
  /** Last four of the ID number, upper case (the X of a mainland check digit). */
  idTail: string;
  /** Last four digits of the mobile, or null without one. */
  mobileTail: string | null;
}

/** Search terms, ID hash and tails of client rows (a seeding worker makes them off the writing thread). */
export class ClientKeyMaker {
  constructor(private readonly idKey: Buffer) {}

  of(m: { name: string; idType: string; idNumber: string; mobile: string | null }): ClientKeys {
    const mobileDigits = m.mobile?.replace(/\D/g, '') ?? '';
    return {
      terms: cachedNameSearchTerms(m.name),
      idHash: idHash(this.idKey, m.idType, m.idNumber),
      idTail: m.idNumber.slice(-4).toUpperCase(),
      mobileTail: mobileDigits ? mobileDigits.slice(-4) : null,
    };
  }
}

function insertSql(table: string, columns: string[], rows = 1): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

const SYNC_COLUMNS = ['id', 'branch_id', 'created_at', 'updated_hlc'];
const CLIENT_COLUMNS = [
  ...SYNC_COLUMNS,
  ...['client_no', 'kind', 'name', 'name_en', 'gender', 'birth_date', 'id_type', 'id_number', 'id_hash', 'id_tail', 'id_expiry'],
  ...['mobile', 'mobile_tail', 'province', 'address', 'occupation', 'industry', 'employer', 'income_band', 'interests'],
  ...['preferred_channel', 'do_not_disturb', 'marketing_consent', 'manager_id', 'first_business_date', 'last_activity_date'],
  ...['latest_assets_fen', 'latest_assets_date', 'tier', 'tier_rank', 'lifecycle', 'risk_level', 'risk_assessed_on', 'pinyin', 'initials'],
  'demo',
];

/**
 * Writes many archive rows fast, for seeding, import and applying head-office data: prepared statements with
 * positional parameters inside one caller-held transaction (synchronous better-sqlite3, no per-row promise or
 * object). Branch-created facts (contacts, assessments, points, referrals) get their outbox record in the same
 * transaction, like every local write, unless they are demo data, which never leaves the workstation.
 */
export class ClientBulkWriter {
  private readonly s: Record<
    'client' | 'holding' | 'deposit' | 'largeTransaction' | 'assessment' | 'contact' | 'points' | 'referral' | 'outbox',
    Stmt
  >;
  private readonly search: ClientSearchIndex;
  private readonly monthlyStmts: Stmt[] = [];
  private readonly keys: ClientKeyMaker;
  private readonly nowIso: string;

  constructor(private readonly ctx: BulkContext) {
    const { raw } = ctx;
    this.nowIso = new Date(ctx.clock.now()).toISOString();
    this.keys = new ClientKeyMaker(ctx.idKey);
    this.search = new ClientSearchIndex(raw);
    const facts = (table: string, columns: string[]) => raw.prepare(insertSql(table, [...SYNC_COLUMNS, ...columns]));
    this.s = {
      client: raw.prepare(insertSql('clients', CLIENT_COLUMNS)),
      holding: facts('holdings', [
        ...['client_id', 'product_code', 'product_name', 'product_risk', 'purchase_date', 'amount_fen', 'price', 'current_price'],
        ...['expected_return', 'take_profit', 'stop_loss'],
      ]),
      deposit: facts('term_deposits', ['client_id', 'amount_fen', 'rate', 'start_date', 'maturity_date']),
      largeTransaction: facts('large_transactions', [
        'client_id',
        'at',
        'amount_fen',
        'direction',
        'channel',
        'counterparty',
        'description',
      ]),
      assessment: facts('risk_assessments', ['client_id', 'level', 'assessed_on', 'face_to_face', 'staff_id']),
      contact: facts('contacts', [
        ...['client_id', 'at', 'channel', 'staff_id', 'staff_name', 'content', 'result', 'follow_up_product', 'follow_up_due'],
        ...['corrects_id', 'recommendation', 'flags'],
      ]),
      points: facts('points_ledger', ['client_id', 'kind', 'points', 'reason', 'ref_id', 'at']),
      referral: facts('referrals', ['referrer_id', 'referee_id', 'at', 'points_each']),
      outbox: raw.prepare('INSERT INTO outbox (table_name, row_id, hlc, payload, created_at) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /** The key of ID-number hashes, for a worker computing `ClientKeys` off this thread. */
  get idKey(): Buffer {
    return this.ctx.idKey;
  }

  private nextHlc(): string {
    return this.ctx.stamps.tick();
  }

  private monthlyStmt(rows: number): Stmt {
    let stmt = this.monthlyStmts[rows];
    if (!stmt) {
      const sql = insertSql('client_monthly_assets', ['client_id', 'month', 'avg_daily_fen'], rows).replace('INSERT', 'INSERT OR REPLACE');
      stmt = this.ctx.raw.prepare(sql);
      this.monthlyStmts[rows] = stmt;
    }
    return stmt;
  }

  private outbox(table: string, id: string, hlc: string): void {
    if (this.ctx.demo) return;
    this.s.outbox.run(table, id, hlc, INSERTED, this.nowIso);
  }

  /**
   * One client's master record and search index entry. `branchCreated`: the branch made it (an import), so it
   * goes to the outbox; master data from head office (and the demo data standing in for it) does not. `keys`:
   * the search terms and ID hash when the caller computed them already (see `ClientKeyMaker`).
   */
  client(m: ClientMaster, d: ClientDerived, branchCreated = false, keys: ClientKeys = this.keys.of(m)): void {
    const { terms } = keys;
    const hlc = this.nextHlc();
    const { lastInsertRowid } = this.s.client.run(
      m.id,
      this.ctx.branchId,
      this.nowIso,
      hlc,
      m.clientNo,
      m.kind,
      m.name,
      m.nameEn,
      m.gender,
      m.birthDate,
      m.idType,
      m.idNumber,
      keys.idHash,
      keys.idTail,
      m.idExpiry,
      m.mobile,
      keys.mobileTail,
      m.province,
      m.address,
      m.occupation,
      m.industry,
      m.employer,
      m.incomeBand,
      m.interests.length === 0 ? '[]' : JSON.stringify(m.interests),
      m.preferredChannel,
      m.doNotDisturb ? 1 : 0,
      m.marketingConsent ? 1 : 0,
      m.managerId,
      m.firstBusinessDate,
      d.lastActivityDate,
      d.latestAssetsFen,
      d.latestAssetsDate,
      d.tier,
      d.tierRank,
      d.lifecycle,
      d.riskLevel,
      d.riskAssessedOn,
      terms.pinyin,
      terms.initials,
      this.ctx.demo ? 1 : 0,
    );
    this.search.add(lastInsertRowid, terms.terms, d.tierRank);
    if (branchCreated) this.outbox('clients', m.id, hlc);
  }

  monthly(clientId: string, months: MonthlyAssets[]): void {
    for (let from = 0; from < months.length; from += MONTHLY_ROWS_PER_STATEMENT) {
      const chunk = months.slice(from, from + MONTHLY_ROWS_PER_STATEMENT);
      const params: (string | number)[] = [];
      for (const m of chunk) params.push(clientId, m.month, m.avgDailyFen);
      this.monthlyStmt(chunk.length).run(params);
    }
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
    this.s.holding.run(
      h.id,
      this.ctx.branchId,
      this.nowIso,
      this.nextHlc(),
      h.clientId,
      h.productCode,
      h.productName,
      h.productRisk,
      h.purchaseDate,
      h.amountFen,
      h.price,
      h.currentPrice,
      h.expectedReturn,
      h.takeProfit,
      h.stopLoss,
    );
  }

  deposit(dep: { id: string; clientId: string; amountFen: number; rate: string; startDate: string; maturityDate: string }): void {
    this.s.deposit.run(
      dep.id,
      this.ctx.branchId,
      this.nowIso,
      this.nextHlc(),
      dep.clientId,
      dep.amountFen,
      dep.rate,
      dep.startDate,
      dep.maturityDate,
    );
  }

  /** A large transaction head office reported (pull-only data: no outbox record). */
  largeTransaction(tx: {
    id: string;
    clientId: string;
    at: string;
    amountFen: number;
    direction: 'in' | 'out';
    channel: string;
    counterparty: string | null;
    description: string | null;
  }): void {
    this.s.largeTransaction.run(
      tx.id,
      this.ctx.branchId,
      this.nowIso,
      this.nextHlc(),
      tx.clientId,
      tx.at,
      tx.amountFen,
      tx.direction,
      tx.channel,
      tx.counterparty,
      tx.description,
    );
  }

  assessment(a: { id: string; clientId: string; level: string; assessedOn: string; faceToFace: boolean; staffId: string | null }): void {
    const hlc = this.nextHlc();
    this.s.assessment.run(a.id, this.ctx.branchId, this.nowIso, hlc, a.clientId, a.level, a.assessedOn, a.faceToFace ? 1 : 0, a.staffId);
    this.outbox('risk_assessments', a.id, hlc);
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
    const hlc = this.nextHlc();
    this.s.contact.run(
      c.id,
      this.ctx.branchId,
      this.nowIso,
      hlc,
      c.clientId,
      c.at,
      c.channel,
      c.staffId,
      c.staffName,
      c.content,
      c.result,
      c.followUpProduct,
      c.followUpDue,
      null,
      null,
      '[]',
    );
    this.outbox('contacts', c.id, hlc);
  }

  points(p: { id: string; clientId: string; kind: string; points: number; reason: string; refId: string | null; at: string }): void {
    const hlc = this.nextHlc();
    this.s.points.run(p.id, this.ctx.branchId, this.nowIso, hlc, p.clientId, p.kind, p.points, p.reason, p.refId, p.at);
    this.outbox('points_ledger', p.id, hlc);
  }

  referral(r: { id: string; referrerId: string; refereeId: string; at: string; pointsEach: number }): void {
    const hlc = this.nextHlc();
    this.s.referral.run(r.id, this.ctx.branchId, this.nowIso, hlc, r.referrerId, r.refereeId, r.at, r.pointsEach);
    this.outbox('referrals', r.id, hlc);
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
  /** The connection to run on: the store's, or one already held (see `withBulkLoad`). */
  db: Kysely<Database> = store.db,
  /** Demo data: marked, and kept out of the outbox. */
  demo = false,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { branchId } = await deviceIdentity(trx, clock);
    const stamps = await DeviceClock.load(trx, clock);
    const writer = new ClientBulkWriter({ raw: store.raw, clock, stamps, branchId, idKey: await idHashKey(trx), demo });
    const result = await work(writer, trx);
    // Later stamps sort after every row written here.
    await stamps.save(trx);
    return result;
  });
}
