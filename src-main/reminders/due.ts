import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../src-shared/contract/errors';
import { addDays, addMonths, parseCalendarDate } from '../../src-shared/domain/calendar-date';
import { localDates } from '../../src-shared/domain/clock';
import { decodeHlc } from '../../src-shared/domain/hlc';
import {
  cadenceDueOf,
  dueReminders,
  openReminders,
  type ActionFact,
  type ContactFact,
  type Reminder,
  type ReminderAction,
  type ReminderFacts,
  type ReminderPolicy,
} from '../../src-shared/domain/reminders';
import { quarterOf, SURVEY_AFTER_DAYS, type SurveyReminderFacts } from '../../src-shared/domain/survey-due';
import { isTier } from '../../src-shared/domain/tier';
import { urgencyOf } from '../../src-shared/domain/worklist';
import { calendarOf, workingDayOnOrBefore, type WorkCalendar } from '../../src-shared/domain/working-days';
import type { JobControl } from '../jobs';
import { BULK_MIN_CLIENTS, deferIndexes, restoreIndexes } from './bulk';
import { sweepTallies, TallyMoves } from './tallies';
import { perConnection, type RawDb, type Store } from '../store/open';

/**
 * Each client's open reminders, kept in two local tables (migration 0004) so that the worklist and the client list's
 * "has an overdue reminder" filter read an index instead of running the rules over 200,000 clients per call:
 *
 * - `due_reminders`: one row per open reminder (done, dismissed and snoozed ones left out), walked in due-date order;
 * - `client_due`: per client once computed, its earliest open due date (`next_due < today` ⇔ overdue).
 *
 * Both are derived, recomputed on this device from the facts (never synced): for one client whenever its facts
 * change (a contact logged, a reminder acted on, a sync page applied, an import), for everyone when a reminder
 * setting changes, and once a day for everyone (`refreshDue`, run at start and when the day turns: a reminder opens or
 * lapses with the calendar, not only with the facts), which also picks up clients never computed (a seed, an import).
 *
 * Synchronous, on prepared statements of the connection the caller's transaction holds (as the sync applier and the
 * bulk writer are), so the sync applier's synchronous `finish()` can call `recomputeClientDue` as it is.
 */

/** What reminders are computed from: the settings in force satisfy it. */
export type DuePolicy = ReminderPolicy & { timeZone: string; churnInactiveMonths: number };

type Stmt = BetterSqlite3.Statement;

/** Clients computed per transaction in the daily pass; between chunks other calls get the connection. */
const CHUNK = 2_000;

interface ClientRow {
  id: string;
  tier: string;
  lifecycle: string;
  last_activity_date: string | null;
  birth_date: string | null;
  id_expiry: string | null;
  risk_assessed_on: string | null;
  first_business_date: string | null;
  created_at: string;
  deleted_hlc: string | null;
  manager_id: string | null;
}

/**
 * Rows come as arrays (`raw(true)`), in the order the statements select them, and become plain objects here: the
 * driver building an object per row was half the cost of reading 2,000,000 rows a pass.
 */
type Nullable = string | null;
type ClientTuple = [string, string, string, Nullable, Nullable, Nullable, Nullable, Nullable, string, Nullable, Nullable];
const CLIENT_COLUMNS =
  'c.id, c.tier, c.lifecycle, c.last_activity_date, c.birth_date, c.id_expiry, c.risk_assessed_on, c.first_business_date, c.created_at, c.deleted_hlc, c.manager_id';
function clientRows(rows: unknown[]): ClientRow[] {
  return (rows as ClientTuple[]).map((r) => ({
    id: r[0],
    tier: r[1],
    lifecycle: r[2],
    last_activity_date: r[3],
    birth_date: r[4],
    id_expiry: r[5],
    risk_assessed_on: r[6],
    first_business_date: r[7],
    created_at: r[8],
    deleted_hlc: r[9],
    manager_id: r[10],
  }));
}

/**
 * Which clients the statements read: a list of ids (a call, a sync page, the clients never computed), or every id
 * in a range — the daily pass walks the clients in id order, and a range is one walk along each index where a list is
 * a seek per client.
 */
type Scope = { ids: readonly string[] } | { from: string; to: string };
function scopeArgs(scope: Scope): string[] {
  return 'ids' in scope ? [JSON.stringify(scope.ids)] : [scope.from, scope.to];
}
function scopeOf(clients: readonly ClientRow[], walked: boolean): Scope {
  return walked && clients.length > 0 ? { from: clients[0]!.id, to: clients.at(-1)!.id } : { ids: clients.map((c) => c.id) };
}

/** One day formatter per zone for the life of the process: its memo is what makes 600,000 contact days cheap. */
const dayFormatters = new Map<string, (ms: number) => string>();
export function dayFormatter(timeZone: string): (ms: number) => string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = localDates(timeZone);
    dayFormatters.set(timeZone, format);
  }
  return format;
}

/**
 * The statements of one recompute, prepared once per connection and reused by every chunk: one set reading a list of
 * clients, one a range (`clientIn` says how a statement picks its clients; its parameters come first).
 */
class DueStatements {
  readonly clients: Stmt;
  readonly contacts: Stmt;
  readonly deposits: Stmt;
  readonly holdings: Stmt;
  readonly outflows: Stmt;
  readonly actions: Stmt;
  readonly surveys: Stmt;
  readonly dates: Stmt;
  readonly calendar: Stmt;
  readonly purchases: Stmt;
  readonly months: Stmt;
  readonly attended: Stmt;
  readonly closedCases: Stmt;
  readonly stored: Stmt;
  readonly storedNext: Stmt;
  readonly remove: Stmt;
  readonly put: Stmt;
  readonly mark: Stmt;
  readonly unmark: Stmt;

  constructor(raw: RawDb, clientIn: (column: string) => string) {
    const rows = (sql: string) => raw.prepare(sql).raw(true);
    this.clients = rows(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE ${clientIn('c.id')}`);
    this.contacts = rows(
      `SELECT client_id, id, at, channel, corrects_id, follow_up_due, follow_up_product FROM contacts
       WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL`,
    );
    // Pre-filters below only narrow to what the rules could possibly open; the rules decide. (Read by client: the
    // `+` keeps SQLite off the maturity index, which would read every deposit in the window for each chunk.)
    this.deposits = rows(
      `SELECT client_id, id, maturity_date FROM term_deposits
       WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL AND +maturity_date BETWEEN ? AND ?`,
    );
    this.holdings = rows(
      `SELECT client_id, id, product_name, current_price, take_profit, stop_loss, updated_hlc FROM holdings
       WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL AND current_price IS NOT NULL
         AND (take_profit IS NOT NULL OR stop_loss IS NOT NULL)`,
    );
    this.outflows = rows(
      `SELECT client_id, id, at, amount_fen FROM large_transactions
       WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL AND direction = 'out' AND amount_fen >= ? AND at >= ?`,
    );
    this.actions = rows(
      `SELECT client_id, reminder_key, action, until FROM reminder_actions WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL`,
    );
    // What surveys raise (survey-due.ts): each answer sheet of the client, the events they came to, their closed cases.
    this.surveys = raw.prepare(
      `SELECT r.client_id, r.id, r.day, r.follow_up, r.event_id, r.complaint_id, r.csat, r.nps, r.answers, t.occasion
       FROM survey_responses r LEFT JOIN survey_templates t ON t.id = r.template_id
       WHERE ${clientIn('r.client_id')} AND r.deleted_hlc IS NULL`,
    );
    this.calendar = raw.prepare('SELECT day, kind FROM work_calendar WHERE deleted_hlc IS NULL AND day BETWEEN ? AND ?');
    this.dates = rows(
      `SELECT client_id, id, kind, date, lunar, label FROM important_dates WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL`,
    );
    // Purchases of the last year and a bit: a run of high-risk ones completed within the year is a signal.
    this.purchases = rows(
      `SELECT client_id, id, product_risk, purchase_date, product_name FROM holdings
       WHERE ${clientIn('client_id')} AND deleted_hlc IS NULL AND purchase_date >= ?`,
    );
    // The latest months are what a fall is read from (asset_drop): the last three are plenty.
    this.months = rows(`SELECT client_id, month, avg_daily_fen FROM client_monthly_assets WHERE ${clientIn('client_id')} AND month >= ?`);
    this.attended = rows(
      `SELECT DISTINCT k.client_id, e.id, e.starts_on FROM event_checkins k JOIN events e ON e.id = k.event_id
       WHERE ${clientIn('k.client_id')} AND e.status IN ('held', 'reviewed') AND e.starts_on >= ?`,
    );
    this.closedCases = rows(
      `SELECT client_id, id, closed_on FROM complaints WHERE ${clientIn('client_id')} AND status = 'closed' AND closed_on >= ?`,
    );
    this.stored = rows(
      `SELECT client_id, reminder_key, kind, due_date, detail, urgency, tier, manager_id FROM due_reminders WHERE ${clientIn('client_id')}`,
    );
    this.remove = raw.prepare('DELETE FROM due_reminders WHERE client_id = ? AND reminder_key = ?');
    this.put = raw.prepare(
      `INSERT OR REPLACE INTO due_reminders (client_id, reminder_key, kind, due_date, ref_id, detail, urgency, tier, manager_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.storedNext = rows(`SELECT client_id, next_due, tier, manager_id, cadence_due FROM client_due WHERE ${clientIn('client_id')}`);
    this.mark = raw.prepare(
      `INSERT INTO client_due (client_id, next_due, tier, manager_id, cadence_due) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET next_due = excluded.next_due, tier = excluded.tier,
         manager_id = excluded.manager_id, cadence_due = excluded.cadence_due`,
    );
    this.unmark = raw.prepare('DELETE FROM client_due WHERE client_id = ?');
  }
}

const byList = perConnection((raw) => new DueStatements(raw, (column) => `${column} IN (SELECT value FROM json_each(?))`));
const byRange = perConnection((raw) => new DueStatements(raw, (column) => `${column} BETWEEN ? AND ?`));
function statementsFor(raw: RawDb, scope: Scope): DueStatements {
  return 'ids' in scope ? byList(raw) : byRange(raw);
}

/** Rows (arrays whose first column is the client id) by client. */
function byClient<T extends readonly [string, ...unknown[]]>(rows: unknown[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows as T[]) {
    const list = out.get(r[0]);
    if (list) list.push(r);
    else out.set(r[0], [r]);
  }
  return out;
}

/**
 * Nothing of a kind: one list shared by every client that has none (most clients have none of most kinds). Not
 * frozen — looping over a frozen array allocated at every step (measured: a sixth more garbage per pass); its type
 * keeps it empty.
 */
const NONE: readonly never[] = [];

/** A client's rows of one kind as the rules' facts. */
function factsOf<R, F>(rows: ReadonlyMap<string, R[]>, clientId: string, fact: (row: R) => F): readonly F[] {
  const mine = rows.get(clientId);
  return mine ? mine.map(fact) : NONE;
}

/**
 * The facts and actions of `ids`, read with one statement per table, and each live client's reminders as the pure
 * rules compute them. `withActions: false` leaves done, dismissed and snoozed reminders in (to check an action).
 */
export function computeDue(
  raw: RawDb,
  ids: readonly string[],
  policy: DuePolicy,
  today: string,
  withActions = true,
): Map<string, Reminder[]> {
  const scope = { ids };
  const clients = clientRows(byList(raw).clients.all(...scopeArgs(scope)));
  const computed = computeFor(raw, clients, scope, policy, today, withActions);
  return new Map([...computed].map(([id, c]) => [id, c.reminders]));
}

/** A client's open reminders and the day their contact cadence falls due (null for a deleted client). */
interface Computed {
  reminders: Reminder[];
  cadenceDue: string | null;
}

function computeFor(
  raw: RawDb,
  clients: readonly ClientRow[],
  scope: Scope,
  policy: DuePolicy,
  today: string,
  withActions = true,
): Map<string, Computed> {
  const s = statementsFor(raw, scope);
  const at = scopeArgs(scope);
  const dayOf = dayFormatter(policy.timeZone);
  const contacts = byClient<[string, string, string, string, Nullable, Nullable, Nullable]>(s.contacts.all(...at));
  const grace = policy.occasionGraceDays;
  const deposits = byClient<[string, string, string]>(
    s.deposits.all(...at, addDays(today, -grace), addDays(today, policy.depositMaturityNoticeDays)),
  );
  const holdings = byClient<[string, string, string, string, Nullable, Nullable, string]>(s.holdings.all(...at));
  // Instants are UTC text: two days of margin either side of the zone's day boundary.
  const outflows = byClient<[string, string, string, number]>(
    s.outflows.all(...at, policy.largeOutflowMinFen, `${addDays(today, -grace - 2)}T`),
  );
  const actions = withActions
    ? byClient<[string, string, ReminderAction, Nullable]>(s.actions.all(...at))
    : new Map<string, [string, string, ReminderAction, Nullable][]>();

  const surveys = surveyFacts(s, at, today, policy.occasionGraceDays);
  // A reminder that falls on a closed day is due the working day before (DOMAIN.md §7b): the days around today matter.
  const calendar = calendarOf(s.calendar.all(addDays(today, -400), addDays(today, 400)) as { day: string; kind: string }[]);
  const dates = byClient<[string, string, string, string, number, Nullable]>(s.dates.all(...at));
  const purchases = byClient<[string, string, string, string, string]>(s.purchases.all(...at, addDays(today, -400)));
  const months = byClient<[string, string, number]>(s.months.all(...at, addMonths(today, -3).slice(0, 7)));

  // Each row turned into the fact the rules read: made once here, not once per client in the loop.
  type DateRow = [string, string, string, string, number, Nullable];
  const dateFact = ([, id, kind, date, lunar, label]: DateRow) => ({ id, kind, date, lunar: lunar === 1, label });
  const purchaseFact = ([, id, risk, day, productName]: [string, string, string, string, string]) => ({ id, risk, day, productName });
  const monthFact = ([, month, avgDailyFen]: [string, string, number]) => ({ month, avgDailyFen });
  type ContactRow = [string, string, string, string, Nullable, Nullable, Nullable];
  const contactFact = ([, id, at, channel, correctsId, followUpDue, followUpProduct]: ContactRow): ContactFact => ({
    id,
    day: dayOf(Date.parse(at)),
    channel,
    correctsId,
    followUpDue,
    followUpProduct,
  });
  const depositFact = ([, id, maturityDate]: [string, string, string]) => ({ id, maturityDate });
  type HoldingRow = [string, string, string, string, Nullable, Nullable, string];
  const holdingFact = ([, id, productName, currentPrice, takeProfit, stopLoss, updatedHlc]: HoldingRow) => ({
    id,
    productName,
    currentPrice,
    takeProfit,
    stopLoss,
    priceDay: dayOf(decodeHlc(updatedHlc).millis),
  });
  const outflowFact = ([, id, at, amountFen]: [string, string, string, number]) => ({
    id,
    day: dayOf(Date.parse(at)),
    amountFen,
    direction: 'out',
  });
  const actionFact = ([, key, action, until]: [string, string, ReminderAction, Nullable]): ActionFact => ({ key, action, until });

  const out = new Map<string, Computed>();
  for (const c of clients) {
    if (c.deleted_hlc !== null) {
      out.set(c.id, { reminders: [], cadenceDue: null });
      continue;
    }
    const facts: ReminderFacts = {
      clientId: c.id,
      surveys: surveys.get(c.id) ?? NO_SURVEY_FACTS,
      importantDates: factsOf(dates, c.id, dateFact),
      purchases: factsOf(purchases, c.id, purchaseFact),
      months: factsOf(months, c.id, monthFact),
      churnedSince:
        c.lifecycle === 'churned' && c.last_activity_date && parseCalendarDate(c.last_activity_date)
          ? addMonths(c.last_activity_date, policy.churnInactiveMonths)
          : null,
      tier: isTier(c.tier) ? c.tier : 'ordinary',
      since: c.first_business_date && parseCalendarDate(c.first_business_date) ? c.first_business_date : c.created_at.slice(0, 10),
      birthDate: c.birth_date,
      idExpiry: c.id_expiry,
      riskAssessedOn: c.risk_assessed_on,
      contacts: factsOf(contacts, c.id, contactFact),
      deposits: factsOf(deposits, c.id, depositFact),
      holdings: factsOf(holdings, c.id, holdingFact),
      largeTransactions: factsOf(outflows, c.id, outflowFact),
    };
    const cadenceDue = cadenceDueOf(facts, policy);
    const due = onWorkingDays(dueReminders(facts, today, policy, cadenceDue), calendar);
    const done = factsOf(actions, c.id, actionFact);
    out.set(c.id, { reminders: withActions ? openReminders(due, done, today) : due, cadenceDue });
  }
  return out;
}

/**
 * The occasions known ahead (a birthday, a festival, a maturity, an expiry, a date on the profile): one that falls on
 * a closed day is due the working day before, so the greeting or the call comes in time. Reminders raised by
 * something that happened (an outflow, a low score, a fall in assets) keep their day: never due before the fact.
 */
const KNOWN_AHEAD: ReadonlySet<string> = new Set(['birthday', 'important_date', 'festival', 'deposit_maturity', 'id_expiry']);

/** Each reminder known ahead due on its day, or on the working day before when the branch is closed; its key stays. */
function onWorkingDays(reminders: Reminder[], calendar: WorkCalendar): Reminder[] {
  return reminders.map((r) => {
    if (!KNOWN_AHEAD.has(r.kind)) return r;
    const day = workingDayOnOrBefore(r.dueDate, calendar);
    return day === r.dueDate ? r : { ...r, dueDate: day };
  });
}

const NO_SURVEY_FACTS: SurveyReminderFacts = { followUps: [], attended: [], closedCases: [], answered: new Set() };

/** The survey facts of a chunk of clients: three statements, whatever the chunk's size. */
function surveyFacts(s: DueStatements, at: readonly string[], today: string, grace: number): Map<string, SurveyReminderFacts> {
  const out = new Map<
    string,
    {
      followUps: SurveyReminderFacts['followUps'][number][];
      attended: { eventId: string; day: string }[];
      closedCases: { caseId: string; day: string }[];
      answered: Set<string>;
    }
  >();
  const of = (clientId: string) => {
    let f = out.get(clientId);
    if (!f) out.set(clientId, (f = { followUps: [], attended: [], closedCases: [], answered: new Set() }));
    return f;
  };
  // A survey due lapses SURVEY_AFTER_DAYS + grace days after its occasion: older ones need not be read.
  const since = addDays(today, -(SURVEY_AFTER_DAYS + grace + 1));
  for (const r of s.surveys.all(...at) as SurveyRow[]) {
    const f = of(r.client_id);
    if (r.follow_up === 1) f.followUps.push({ responseId: r.id, day: r.day, detail: followUpDetail(r) });
    if (r.event_id) f.answered.add(`event:${r.event_id}`);
    if (r.complaint_id) f.answered.add(`complaint:${r.complaint_id}`);
    if (r.occasion === 'quarterly') f.answered.add(`quarterly:${quarterOf(r.day)}`);
  }
  for (const [clientId, eventId, day] of s.attended.all(...at, since) as [string, string, string][]) {
    of(clientId).attended.push({ eventId, day });
  }
  for (const [clientId, caseId, day] of s.closedCases.all(...at, since) as [string, string, string][]) {
    of(clientId).closedCases.push({ caseId, day });
  }
  return out;
}

interface SurveyRow {
  client_id: string;
  id: string;
  day: string;
  follow_up: number;
  event_id: string | null;
  complaint_id: string | null;
  csat: number | null;
  nps: number | null;
  answers: string;
  occasion: string | null;
}

/** The answer a follow-up quotes: the scores, and the first words the client gave (shortened for the list). */
function followUpDetail(r: SurveyRow): string {
  const parts: string[] = [];
  if (r.nps !== null) parts.push(`NPS ${r.nps}`);
  if (r.csat !== null) parts.push(`CSAT ${r.csat}`);
  try {
    const answers = JSON.parse(r.answers) as Record<string, unknown>;
    const words = Object.values(answers).find((a): a is string => typeof a === 'string' && a.trim().length > 1 && !/^[a-z0-9_]+$/.test(a));
    if (words) parts.push(`“${words.length > 60 ? `${words.slice(0, 59)}…` : words}”`);
  } catch {
    // A sheet whose answers do not parse quotes its scores alone.
  }
  return parts.join(' · ');
}

/**
 * Recomputes the stored reminders of `clientIds` (the sync applier calls this for the clients a page touched), in
 * the caller's transaction. Returns how many clients were written.
 */
export function recomputeClientDue(raw: RawDb, clientIds: Iterable<string>, policy: DuePolicy, today: string): number {
  const ids = [...new Set(clientIds)];
  let written = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const scope = { ids: ids.slice(i, i + CHUNK) };
    written += writeDue(raw, clientRows(byList(raw).clients.all(...scopeArgs(scope))), scope, policy, today);
  }
  return written;
}

/**
 * Computes and stores `clients`' reminders (`scope` reads them, and may read more). Writes only what changed: from
 * one day to the next most reminders stay as they were, and rewriting 250,000 rows with their indexes every morning
 * was most of the pass. The tallies move with the rows written, in this transaction — or, given `passMoves` (a bulk
 * pass), are only netted there, for the pass to write once at its end.
 */
function writeDue(
  raw: RawDb,
  clients: readonly ClientRow[],
  scope: Scope,
  policy: DuePolicy,
  today: string,
  passMoves?: TallyMoves,
): number {
  const s = statementsFor(raw, scope);
  const due = computeFor(raw, clients, scope, policy, today);
  const at = scopeArgs(scope);
  type Stored = { kind: string; due_date: string; detail: string | null; urgency: number; tier: string; manager_id: string | null };
  const before = new Map<string, Map<string, Stored>>();
  type StoredTuple = [string, string, string, string, Nullable, number, string, Nullable];
  for (const [clientId, key, kind, due_date, detail, urgency, tier, manager_id] of s.stored.all(...at) as StoredTuple[]) {
    let keys = before.get(clientId);
    if (!keys) before.set(clientId, (keys = new Map<string, Stored>()));
    keys.set(key, { kind, due_date, detail, urgency, tier, manager_id });
  }
  type Mark = { next_due: string | null; tier: string; manager_id: string | null; cadence_due: string };
  const marked = new Map<string, Mark>();
  for (const [clientId, next_due, tier, manager_id, cadence_due] of s.storedNext.all(...at) as [
    string,
    Nullable,
    string,
    Nullable,
    string,
  ][]) {
    marked.set(clientId, { next_due, tier, manager_id, cadence_due });
  }
  const byId = new Map(clients.map((c) => [c.id, c]));
  const tallies = passMoves ?? new TallyMoves();
  for (const [clientId, { reminders, cadenceDue }] of due) {
    const client = byId.get(clientId);
    const tier = client && isTier(client.tier) ? client.tier : 'ordinary';
    const managerId = client?.manager_id ?? null;
    const stored = before.get(clientId);
    for (const r of reminders) {
      const old = stored?.get(r.key);
      // The key names the occasion; its due date and detail may still move (a holding's price report), the client's
      // tier or manager with it, and its rank when a release orders the kinds anew.
      const urgency = urgencyOf(r.kind);
      if (
        !old ||
        old.due_date !== r.dueDate ||
        old.detail !== r.detail ||
        old.urgency !== urgency ||
        old.tier !== tier ||
        old.manager_id !== managerId
      ) {
        s.put.run(clientId, r.key, r.kind, r.dueDate, r.refId, r.detail, urgency, tier, managerId);
        // The tallies follow every row in or out (reminders/tallies.ts).
        if (old) tallies.reminder(old, -1);
        tallies.reminder({ manager_id: managerId, tier, kind: r.kind, urgency, due_date: r.dueDate }, 1);
      }
      stored?.delete(r.key);
    }
    for (const [key, old] of stored ?? []) {
      s.remove.run(clientId, key);
      tallies.reminder(old, -1);
    }
    const was = marked.get(clientId);
    if (cadenceDue === null) {
      // A deleted client: no reminders, and not a client anyone is to cover.
      if (was) {
        s.unmark.run(clientId);
        tallies.client(was, -1);
      }
      continue;
    }
    // Sorted by due date: the first is the earliest.
    const next: Mark = { next_due: reminders[0]?.dueDate ?? null, tier, manager_id: managerId, cadence_due: cadenceDue };
    // What the coverage tally counts (tier, manager, cadence day) moved, or only the earliest due date did.
    const coverMoved = !was || was.tier !== next.tier || was.manager_id !== next.manager_id || was.cadence_due !== next.cadence_due;
    if (coverMoved || was.next_due !== next.next_due) s.mark.run(clientId, next.next_due, next.tier, next.manager_id, next.cadence_due);
    if (coverMoved) {
      if (was) tallies.client(was, -1);
      tallies.client(next, 1);
    }
  }
  if (!passMoves) tallies.apply(raw);
  return due.size;
}

/**
 * One chunk of the pass in its own transaction, committed without waiting for the disk. It writes derived rows only
 * (reminders, their tallies, where the pass is), which a power cut may take back to an earlier chunk — the pass then
 * computes them again — while the WAL keeps the database whole either way; waiting for the disk at each of a hundred
 * chunks was a fifth of the pass. The connection is held throughout, so no other call's write commits under the
 * relaxed setting, and the next write that does wait carries these chunks to the disk with it.
 */
function commitDerived<T>(store: Store, work: () => T): Promise<T> {
  return store.db.connection().execute(() => {
    const { raw } = store;
    const durable = raw.pragma('synchronous', { simple: true }) as number;
    raw.pragma('synchronous = NORMAL');
    try {
      return Promise.resolve(raw.transaction(work)());
    } finally {
      raw.pragma(`synchronous = ${durable}`);
    }
  });
}

/** Where the daily pass is: the day it computes for, the last client id done, and whether it finished. */
const PASS_STATE = 'reminders_pass';
interface PassState {
  day: string;
  after: string;
  complete: boolean;
}

/**
 * The daily pass: on a new day every live client, in id order, a chunk per transaction so the workstation stays
 * responsive, with progress and cancel; where it got to is kept with each chunk, so a pass cut short resumes rather
 * than starts again. Then (every run) the clients never computed — brought in by a seed or an import. Only what
 * changed is written: from one day to the next most reminders stay as they were.
 */
export async function refreshDue(
  store: Store,
  policy: DuePolicy,
  today: string,
  job?: JobControl,
  bulkMinClients = BULK_MIN_CLIENTS,
): Promise<number> {
  const { raw } = store;
  const readState = raw.prepare('SELECT value FROM device_state WHERE key = ?').pluck();
  const writeState = raw.prepare(
    'INSERT INTO device_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  // A pass cut short by a crash while the indexes were set aside puts them back before anything else.
  await store.db.transaction().execute(() => Promise.resolve(restoreIndexes(raw)));
  const text = readState.get(PASS_STATE) as string | undefined;
  const saved = text ? (JSON.parse(text) as PassState) : null;
  const state: PassState = saved?.day === today ? saved : { day: today, after: '', complete: false };

  const walk = raw
    .prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.deleted_hlc IS NULL AND c.id > ? ORDER BY c.id LIMIT ?`)
    .raw(true);
  const missing = raw
    .prepare(
      `SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.deleted_hlc IS NULL AND c.id > ?
       AND NOT EXISTS (SELECT 1 FROM client_due d WHERE d.client_id = c.id) ORDER BY c.id LIMIT ?`,
    )
    .raw(true);
  // Counted on the small indexes (the exact "never computed" needs a probe per client, which was a second a pass):
  // the stored reminders hold a row per live client computed, so the difference is the clients never computed.
  const live = raw.prepare('SELECT count(*) FROM clients WHERE deleted_hlc IS NULL').pluck().get() as number;
  const notComputed = Math.max(0, live - (raw.prepare('SELECT count(*) FROM client_due').pluck().get() as number));
  const total = state.complete
    ? notComputed
    : state.after === ''
      ? live
      : (raw.prepare('SELECT count(*) FROM clients WHERE deleted_hlc IS NULL AND id > ?').pluck().get(state.after) as number);

  // Most clients never computed (an imported archive, the stored reminders rebuilt): their reminders go in with the
  // walk's secondary indexes set aside, built once at the end with the tallies (reminders/bulk.ts). Only then:
  // building the indexes anew costs the whole table, adding to them only what is added (at 200,000 clients a tenth
  // never computed took as long either way). The pass then walks every client (the few computed already are
  // computed again, nothing of theirs written): ranges read faster than lists.
  const bulk = notComputed >= bulkMinClients && notComputed * 2 >= live;
  const walkAll = state.complete && bulk;
  let done = 0;
  job?.progress(0, total);
  // The walk's chunks are ranges of ids (every live client between the first and the last); the clients never
  // computed are scattered among the others, a list.
  const run = async (next: BetterSqlite3.Statement, from: string, track: boolean) => {
    let after = from;
    for (;;) {
      const last = await commitDerived(store, () => {
        const chunk = clientRows(next.all(after, CHUNK));
        const id = chunk.at(-1)?.id;
        if (id !== undefined) {
          writeDue(raw, chunk, scopeOf(chunk, next === walk), policy, today, passMoves);
          done += chunk.length;
          if (track) writeState.run(PASS_STATE, JSON.stringify({ day: today, after: id, complete: false } satisfies PassState));
        }
        return id;
      });
      if (last === undefined) return true;
      after = last;
      job?.progress(Math.min(done, total), Math.max(done, total));
      await new Promise((resolve) => setImmediate(resolve));
      if (job?.signal.aborted) return false;
    }
  };
  // A bulk pass nets the tallies' moves over all its chunks and writes them once with the indexes: moved chunk by
  // chunk, their few thousand rows were rewritten at every commit. A pass cut short recounts them instead.
  const passMoves = bulk ? new TallyMoves() : undefined;
  let whole = false;
  if (bulk) await store.db.transaction().execute(() => Promise.resolve(deferIndexes(raw)));
  try {
    if (!state.complete) {
      if (!(await run(walk, state.after, true))) return done;
      const finished = JSON.stringify({ day: today, after: '', complete: true } satisfies PassState);
      await store.db.transaction().execute(() => Promise.resolve(writeState.run(PASS_STATE, finished)));
    } else if (walkAll && !(await run(walk, '', false))) return done;
    if (!walkAll) await run(missing, '', false);
    whole = true;
  } finally {
    if (bulk) await store.db.transaction().execute(() => Promise.resolve(restoreIndexes(raw, whole ? passMoves : undefined)));
  }
  await store.db.transaction().execute(() => Promise.resolve(sweepTallies(raw)));
  job?.progress(done, Math.max(done, total));
  return done;
}

/**
 * Every client's reminders under new settings, in the caller's transaction (a reminder setting changed: the
 * settings and the reminders they produce commit together).
 */
export async function recomputeAllDue(raw: RawDb, policy: DuePolicy, today: string, job?: JobControl): Promise<number> {
  const total = (raw.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  const next = raw.prepare(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id > ? ORDER BY c.id LIMIT ?`).raw(true);
  let done = 0;
  let after = '';
  for (;;) {
    const ids = clientRows(next.all(after, CHUNK));
    const last = ids.at(-1)?.id;
    if (last === undefined) break;
    writeDue(raw, ids, scopeOf(ids, true), policy, today);
    after = last;
    done += ids.length;
    job?.progress(done, total);
    await new Promise((resolve) => setImmediate(resolve));
    if (job?.signal.aborted) throw new AppError('CONFLICT', 'errors.cancelled', 'recomputing reminders cancelled; nothing was changed');
  }
  return done;
}
