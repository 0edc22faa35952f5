import { type Kysely, sql } from 'kysely';
import type { EventReviewRow } from '../../src-shared/contract/events';
import { type EventFacts, type EventStatus, type EventType, reviewFigures } from '../../src-shared/domain/events';
import { wallTimeToMs } from '../../src-shared/domain/clock';
import { decodeHlc } from '../../src-shared/domain/hlc';
import { CLIENT_BRANCH_COLUMNS } from '../../src-shared/sync/tables';
import { type Sheet, type TableFormat, tableFile } from '../exports/table-file';
import type { Database } from '../store/schema';
import { eventNotFound } from './plan';

/**
 * What staff learn about the guests who came counts as the event's (新信息获取) from the start of its day (guests arrive
 * early; the counter talks to them before the salon) until this many days after it starts.
 */
export const EVENT_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

const REACHED = ['seated', 'waitlisted', 'declined', 'withdrew'];
const ACCEPTED = ['seated', 'waitlisted'];

function stampMillis(hlc: string): number | null {
  try {
    return decodeHlc(hlc).millis;
  } catch {
    return null;
  }
}

/**
 * One event's facts for the review (DOMAIN.md §6 总结回顾), from its record: invited, reached (an answer other than
 * none), accepted (seated or waiting), attended (each arrival once; walk-ins counted apart), new profile information
 * about those who came within the event window, the follow-ups and sales recorded against the event, its actual cost.
 */
export async function eventFacts(
  db: Kysely<Database>,
  eventId: string,
  timeZone: string,
): Promise<{ facts: EventFacts; estimateFen: number | null }> {
  const event = await db
    .selectFrom('events')
    .select(['starts_at', 'starts_on', 'actual_cost_fen', 'cost_total_fen', 'cost_per_head_fen', 'capacity'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  const guests = await db
    .selectFrom('event_guests')
    .select(['client_id', 'state', 'inviter_id'])
    .where('event_id', '=', eventId)
    .where('state', 'not in', ['duplicate', 'removed'])
    .execute();
  const arrivals = await db.selectFrom('event_checkins').select('client_id').distinct().where('event_id', '=', eventId).execute();
  const contacts = await sql<{ follow_ups: number; sales: number }>`
    SELECT coalesce(sum(follow_up_product IS NOT NULL), 0) AS follow_ups,
           coalesce(sum(json_extract(recommendation, '$.isSale') = 1), 0) AS sales
    FROM contacts WHERE event_id = ${eventId} AND corrects_id IS NULL`.execute(db);

  const accepted = new Set(guests.filter((g) => ACCEPTED.includes(g.state)).map((g) => g.client_id));
  const came = arrivals.map((a) => a.client_id);
  const from = wallTimeToMs(`${event.starts_on} 00:00`, timeZone) ?? Date.parse(event.starts_at);
  const to = Date.parse(event.starts_at) + EVENT_WINDOW_DAYS * DAY_MS;
  const newInformation = await learnedAbout(db, came, from, to);
  const c = contacts.rows[0];
  return {
    facts: {
      invited: guests.filter((g) => g.inviter_id !== null).length,
      reached: guests.filter((g) => g.inviter_id !== null && REACHED.includes(g.state)).length,
      accepted: accepted.size,
      attended: came.length,
      walkIns: came.filter((id) => !accepted.has(id)).length,
      newInformation,
      followUps: Number(c?.follow_ups ?? 0),
      sales: Number(c?.sales ?? 0),
      costFen: event.actual_cost_fen,
    },
    estimateFen: event.cost_total_fen ?? (event.cost_per_head_fen === null ? null : event.cost_per_head_fen * event.capacity),
  };
}

/**
 * How many of these clients had something new recorded about them in [from, to): a profile field the branch keeps
 * (stamped by its HLC), an important date or a risk assessment.
 */
async function learnedAbout(db: Kysely<Database>, clientIds: string[], from: number, to: number): Promise<number> {
  if (clientIds.length === 0) return 0;
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  let n = 0;
  for (let i = 0; i < clientIds.length; i += 500) {
    const ids = clientIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('clients as c')
      .select((eb) => [
        'c.field_hlcs',
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('important_dates as d')
                .select('d.id')
                .whereRef('d.client_id', '=', 'c.id')
                .where('d.created_at', '>=', fromIso)
                .where('d.created_at', '<', toIso),
            ),
            eb.exists(
              eb
                .selectFrom('risk_assessments as r')
                .select('r.id')
                .whereRef('r.client_id', '=', 'c.id')
                .where('r.created_at', '>=', fromIso)
                .where('r.created_at', '<', toIso),
            ),
          ])
          .as('recorded'),
      ])
      .where('c.id', 'in', ids)
      .execute();
    for (const row of rows) {
      if (row.recorded) {
        n++;
        continue;
      }
      const stamps = JSON.parse(row.field_hlcs) as Record<string, string>;
      const edited = CLIENT_BRANCH_COLUMNS.some((column) => {
        const ms = stamps[column] === undefined ? null : stampMillis(stamps[column]);
        return ms !== null && ms >= from && ms < to;
      });
      if (edited) n++;
    }
  }
  return n;
}

/** One event's review row, whatever its state (an open event's figures so far). */
export async function eventReview(db: Kysely<Database>, eventId: string, timeZone: string): Promise<EventReviewRow> {
  const e = await db
    .selectFrom('events')
    .select(['id', 'title', 'type', 'starts_on', 'status', 'capacity'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!e) throw eventNotFound(eventId);
  const { facts, estimateFen } = await eventFacts(db, e.id, timeZone);
  return {
    id: e.id,
    title: e.title,
    type: e.type as EventType,
    startsOn: e.starts_on,
    status: e.status as EventStatus,
    capacity: e.capacity,
    estimateFen,
    facts,
    figures: reviewFigures(facts),
  };
}

/** The review of every event held (or cancelled) that started in a period, oldest first, and the period's totals. */
export async function reviewPeriod(db: Kysely<Database>, period: { from: string; to: string }, timeZone: string) {
  const events = await db
    .selectFrom('events')
    .select('id')
    .where('starts_on', '>=', period.from)
    .where('starts_on', '<=', period.to)
    .where('status', 'in', ['held', 'reviewed'])
    .where('deleted_hlc', 'is', null)
    .orderBy('starts_on')
    .orderBy('starts_at')
    .limit(500)
    .execute();
  const rows: EventReviewRow[] = [];
  for (const e of events) rows.push(await eventReview(db, e.id, timeZone));
  const sum = (pick: (f: EventFacts) => number) => rows.reduce((n, r) => n + pick(r.facts), 0);
  const costed = rows.filter((r) => r.facts.costFen !== null);
  // Cost per attendee and per sale across events count only the events whose cost is known.
  const totals: EventFacts = {
    invited: sum((f) => f.invited),
    reached: sum((f) => f.reached),
    accepted: sum((f) => f.accepted),
    attended: sum((f) => f.attended),
    walkIns: sum((f) => f.walkIns),
    newInformation: sum((f) => f.newInformation),
    followUps: sum((f) => f.followUps),
    sales: sum((f) => f.sales),
    costFen: costed.length === 0 ? null : costed.reduce((n, r) => n + (r.facts.costFen ?? 0), 0),
  };
  const costedFacts = {
    ...totals,
    attended: costed.reduce((n, r) => n + r.facts.attended, 0),
    sales: costed.reduce((n, r) => n + r.facts.sales, 0),
  };
  const figures = { ...reviewFigures(totals), ...pickCost(reviewFigures(costedFacts)) };
  return { from: period.from, to: period.to, events: rows, totals: { facts: totals, figures } };
}

function pickCost(f: ReturnType<typeof reviewFigures>) {
  return { costPerAttendeeFen: f.costPerAttendeeFen, costPerSaleFen: f.costPerSaleFen };
}

const pct = (share: number | null) => (share === null ? '' : Math.round(share * 1000) / 10);
const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);
const TYPE_ZH: Record<EventType, string> = { salon: '理财沙龙', lecture: '讲座', gathering: '客户联谊', visit: '参观走访' };

/** The review as a file: one line per event and a total line, the rates in per cent and the money in yuan. */
export async function reviewFile(review: Awaited<ReturnType<typeof reviewPeriod>>, format: TableFormat) {
  const header = [
    '日期',
    '活动主题',
    '类型',
    '邀请人数',
    '联络达成',
    '联络达成率%',
    '接受',
    '接受率%',
    '到场',
    '其中临时到场',
    '到场率%',
    '未到',
    '新信息获取',
    '待跟进机会',
    '销售笔数',
    '实际费用(元)',
    '人均费用(元)',
    '单笔销售费用(元)',
  ];
  const line = (date: string, title: string, type: string, f: EventFacts, g: ReturnType<typeof reviewFigures>) => [
    date,
    title,
    type,
    f.invited,
    f.reached,
    pct(g.reachRate),
    f.accepted,
    pct(g.acceptRate),
    f.attended,
    f.walkIns,
    pct(g.attendRate),
    g.noShows,
    f.newInformation,
    f.followUps,
    f.sales,
    yuan(f.costFen),
    yuan(g.costPerAttendeeFen),
    yuan(g.costPerSaleFen),
  ];
  const rows = review.events.map((r) => line(r.startsOn, r.title, TYPE_ZH[r.type], r.facts, r.figures));
  rows.push(line(`${review.from} 至 ${review.to}`, '合计', '', review.totals.facts, review.totals.figures));
  const sheet: Sheet = { name: '活动效果', header, rows };
  return {
    fileName: `events-review-${review.from}-${review.to}.${format}`,
    content: await tableFile(format, [sheet]),
    rows: review.events.length,
  };
}
