import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError, type Staff } from '../../src-shared/contract';
import type { ResponseRow } from '../../src-shared/contract/surveys';
import { maskName } from '../../src-shared/domain/masking';
import {
  checkAnswers,
  checkedQuestions,
  type Labels,
  type SurveyAnswer,
  type SurveyOccasion,
  type TemplateQuestion,
} from '../../src-shared/domain/surveys';
import type { AppCore } from '../app';
import { rederiveClients } from '../clients/rederive';
import { clientDemoMark } from '../demo/rows';
import { dayFormatter } from '../reminders/due';
import { seesWholeBranch } from '../reminders/service';
import type { Database } from '../store/schema';
import { newRowColumns, recordChange } from '../sync/outbox';
import { scoreColumns, storedQuestions } from './scoring';
import { versionNumbers } from './templates';

export interface SubmitInput {
  versionId: string;
  clientId: string | null;
  respondent: string | null;
  eventId: string | null;
  complaintId: string | null;
  answers: Record<string, SurveyAnswer | null>;
}

function refused(key: string, path: string, message: string): AppError {
  return new AppError('VALIDATION', key, message, { issues: [{ path, key, message }] });
}

/** The sheet as kept: unanswered questions left out, words trimmed, a single choice as its code. */
function keptAnswers(questions: readonly TemplateQuestion[], answers: Record<string, SurveyAnswer | null>): Record<string, SurveyAnswer> {
  const kept: Record<string, SurveyAnswer> = {};
  for (const q of questions) {
    const a = answers[q.id];
    if (a === null || a === undefined) continue;
    if (typeof a === 'string') {
      if (a.trim() !== '') kept[q.id] = a.trim();
    } else if (typeof a === 'number') kept[q.id] = a;
    else if (a.length > 0) kept[q.id] = q.type === 'single' ? (a[0] ?? '') : [...new Set(a)];
  }
  return kept;
}

/**
 * Saves one answer sheet (DOMAIN.md §7) under the version the form was given: checked question by question against
 * that version, linked to the client and to the event or complaint it follows, scored by that version, with its
 * outbox record in the same transaction. A detractor or a CSAT of 1–2 becomes a follow-up on the client's worklist
 * (the client is rederived, which also closes a survey that was due).
 */
export async function submitResponse(
  trx: Transaction<Database>,
  app: AppCore,
  staff: Staff,
  input: SubmitInput,
  options: { demo?: boolean; at?: number } = {},
): Promise<{ id: string; followUp: boolean; csat: number | null; nps: number | null }> {
  const version = await trx
    .selectFrom('survey_versions as v')
    .innerJoin('survey_templates as t', 't.id', 'v.template_id')
    .select(['v.id', 'v.template_id', 'v.questions', 't.retired'])
    .where('v.id', '=', input.versionId)
    .executeTakeFirst();
  if (!version) {
    throw new AppError('NOT_FOUND', 'errors.surveys.version_not_found', 'no such survey version', { params: { id: input.versionId } });
  }
  if (version.retired === 1) throw new AppError('CONFLICT', 'errors.surveys.retired', 'this survey is retired');

  let demo = options.demo ? 1 : 0;
  if (input.clientId !== null) demo = Math.max(demo, await clientDemoMark(trx, input.clientId));
  if (input.eventId !== null) {
    const event = await trx.selectFrom('events').select('demo').where('id', '=', input.eventId).executeTakeFirst();
    if (!event) throw refused('errors.surveys.no_such_event', 'eventId', 'no such event');
    if (input.clientId !== null) {
      const there = await trx
        .selectFrom('event_guests')
        .select('id')
        .where('event_id', '=', input.eventId)
        .where('client_id', '=', input.clientId)
        .unionAll(
          trx.selectFrom('event_checkins').select('id').where('event_id', '=', input.eventId).where('client_id', '=', input.clientId),
        )
        .executeTakeFirst();
      if (!there) throw refused('errors.surveys.not_at_event', 'eventId', 'the client was not invited to or at this event');
    }
    demo = Math.max(demo, event.demo);
  }
  if (input.complaintId !== null) {
    const complaint = await trx
      .selectFrom('complaints')
      .select(['client_id', 'demo'])
      .where('id', '=', input.complaintId)
      .executeTakeFirst();
    if (!complaint) throw refused('errors.surveys.no_such_complaint', 'complaintId', 'no such complaint');
    if (complaint.client_id !== null && complaint.client_id !== input.clientId) {
      throw refused('errors.surveys.not_the_complainant', 'complaintId', 'the complaint is another client’s');
    }
    demo = Math.max(demo, complaint.demo);
  }

  const questions = storedQuestions(version.questions);
  const checked = checkedQuestions(questions);
  const issues = checkAnswers(checked, input.answers);
  if (issues.length > 0) {
    const first = issues[0];
    throw new AppError('VALIDATION', `validation.surveys.${first?.issue ?? 'required'}`, 'the answers cannot be saved', {
      params: { question: first?.questionId ?? '' },
      issues: issues.map((i) => ({ path: `answers.${i.questionId}`, key: `validation.surveys.${i.issue}`, message: i.questionId })),
    });
  }
  const answers = keptAnswers(questions, input.answers);
  const scores = scoreColumns(checked, answers);
  const base = await newRowColumns(trx, app.clock);
  const atMs = options.at ?? app.clock.now();
  const at = new Date(atMs).toISOString();
  await trx
    .insertInto('survey_responses')
    .values({
      ...base,
      template_id: version.template_id,
      version_id: version.id,
      client_id: input.clientId,
      respondent: input.respondent,
      event_id: input.eventId,
      complaint_id: input.complaintId,
      staff_id: staff.id,
      staff_name: staff.displayName,
      at,
      day: dayFormatter(app.settings.timeZone)(atMs),
      answers: JSON.stringify(answers),
      demo,
      ...scores,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'survey_responses', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  if (input.clientId !== null && options.at === undefined) rederiveClients(app, [input.clientId]);
  return { id: base.id, followUp: scores.follow_up === 1, csat: scores.csat, nps: scores.nps };
}

export interface ResponseFilter {
  from: string;
  to: string;
  templateId: string | null;
  staffId: string | null;
  clientId: string | null;
  withText: boolean;
  followUpOnly: boolean;
  band: 'promoter' | 'passive' | 'detractor' | null;
  search: string | null;
  limit: number;
}

/**
 * A period's answer sheets, newest first: a manager's list is the branch's, anyone else's the sheets they entered.
 * Names are masked; the free-text answers come with their questions (by each sheet's own version).
 */
export async function listResponses(
  db: Kysely<Database>,
  staff: Staff,
  filter: ResponseFilter,
): Promise<{ rows: ResponseRow[]; total: number }> {
  let q = db
    .selectFrom('survey_responses as r')
    .where('r.day', '>=', filter.from)
    .where('r.day', '<=', filter.to)
    .where('r.deleted_hlc', 'is', null);
  if (!seesWholeBranch(staff)) q = q.where('r.staff_id', '=', staff.id);
  if (filter.templateId) q = q.where('r.template_id', '=', filter.templateId);
  if (filter.staffId) q = q.where('r.staff_id', '=', filter.staffId);
  if (filter.clientId) q = q.where('r.client_id', '=', filter.clientId);
  if (filter.withText) q = q.where('r.has_text', '=', 1);
  if (filter.followUpOnly) q = q.where('r.follow_up', '=', 1);
  // The bands as npsBand() draws them (9–10, 7–8, 0–6).
  if (filter.band === 'promoter') q = q.where('r.nps', '>=', 9);
  if (filter.band === 'passive') q = q.where('r.nps', 'in', [7, 8]);
  if (filter.band === 'detractor') q = q.where('r.nps', '<=', 6);
  if (filter.search) {
    // The words are inside the answers' JSON; a LIKE narrows, and only sheets whose free text holds them are listed.
    q = q.where('r.has_text', '=', 1).where(sql<boolean>`instr(lower(r.answers), lower(${filter.search})) > 0`);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .innerJoin('survey_templates as t', 't.id', 'r.template_id')
    .innerJoin('survey_versions as v', 'v.id', 'r.version_id')
    .leftJoin('clients as c', 'c.id', 'r.client_id')
    .leftJoin('events as e', 'e.id', 'r.event_id')
    .leftJoin('complaints as k', 'k.id', 'r.complaint_id')
    .select([
      'r.id',
      'r.day',
      'r.at',
      'r.template_id',
      'r.version_id',
      't.occasion',
      'v.title',
      'v.questions',
      'r.client_id',
      'c.name as client_name',
      'r.respondent',
      'r.staff_name',
      'r.csat',
      'r.nps',
      'r.follow_up',
      'r.answers',
      'e.title as event_title',
      'k.case_no',
    ])
    .orderBy('r.at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();
  const numbers = await versionNumbers(db);
  const parsed = new Map<string, TemplateQuestion[]>();
  const needle = filter.search?.toLowerCase() ?? null;
  const out: ResponseRow[] = [];
  for (const r of rows) {
    let questions = parsed.get(r.version_id);
    if (!questions) parsed.set(r.version_id, (questions = storedQuestions(r.questions)));
    const answers = JSON.parse(r.answers) as Record<string, SurveyAnswer>;
    const texts = questions
      .filter((qq) => qq.type === 'text' && typeof answers[qq.id] === 'string')
      .map((qq) => ({ questionId: qq.id, question: qq.text, answer: String(answers[qq.id]) }));
    if (needle && !texts.some((t) => t.answer.toLowerCase().includes(needle))) continue;
    out.push({
      id: r.id,
      day: r.day,
      at: r.at,
      templateId: r.template_id,
      templateTitle: JSON.parse(r.title) as Labels,
      occasion: r.occasion as SurveyOccasion,
      versionNumber: numbers.get(r.version_id) ?? 1,
      clientId: r.client_id,
      clientName: r.client_name === null ? null : maskName(r.client_name),
      respondent: r.respondent === null ? null : maskName(r.respondent),
      staffName: r.staff_name,
      csat: r.csat,
      nps: r.nps,
      followUp: r.follow_up === 1,
      eventTitle: r.event_title,
      caseNo: r.case_no,
      texts,
    });
  }
  return { rows: out, total };
}
