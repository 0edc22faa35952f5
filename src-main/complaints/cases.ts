import type { Transaction } from 'kysely';
import { AppError, type FieldIssue, type Staff } from '../../src-shared/contract';
import type { ComplaintIntake, ComplaintStep } from '../../src-shared/contract/complaints';
import { localDate } from '../../src-shared/domain/clock';
import {
  checkExtension,
  type ComplaintStatus,
  conflictsOfInterest,
  decisionDue,
  type ExtensionLevel,
  handlesComplaints,
  stepFrom,
} from '../../src-shared/domain/complaints';
import type { AppCore } from '../app';
import { rederiveClients } from '../clients/rederive';
import { clientDemoMark } from '../demo/rows';
import type { Database } from '../store/schema';
import { nextDayNumber } from '../sync/day-number';
import { newRowColumns, recordChange } from '../sync/outbox';
import { refreshCases } from './state';

type Trx = Transaction<Database>;

/** A stamp this far ahead of the workstation's clock is a typo, not a complaint from the future. */
const FUTURE_SLACK_MS = 5 * 60_000;

function invalid(key: string, path: string, message: string, params: Record<string, string | number> = {}): AppError {
  const issues: FieldIssue[] = [{ path, key, message }];
  return new AppError('VALIDATION', key, message, { params, issues });
}

function parseList(json: string): string[] {
  return JSON.parse(json) as string[];
}

/**
 * Takes a complaint (DOMAIN.md §5): checks what it names (the client, the business line and cause in head office's
 * lists, the staff involved), gives it a case number, starts its clock on the branch's calendar day of receipt, and
 * writes the case and its first event with their change records, in the caller's transaction.
 */
export async function takeComplaint(trx: Trx, app: AppCore, staff: Staff, input: ComplaintIntake, options: { demo?: boolean } = {}) {
  const now = app.clock.now();
  const receivedMs = input.receivedAt === null ? now : Date.parse(input.receivedAt);
  if (receivedMs > now + FUTURE_SLACK_MS) throw invalid('errors.complaints.received_in_future', 'receivedAt', 'received in the future');
  const receivedOn = localDate(receivedMs, app.settings.timeZone);
  if (input.regulatorDue !== null && input.regulatorDue < receivedOn) {
    throw invalid('errors.complaints.regulator_due_before_receipt', 'regulatorDue', 'the regulator’s deadline is before receipt');
  }

  // Demo cases (seeded) are marked whoever complains; a real case about a demo client is demo too.
  let demo = options.demo ? 1 : 0;
  // A case about a demo client is demo data: it never leaves the workstation and goes with the demo data.
  if (input.clientId !== null) demo = Math.max(demo, await clientDemoMark(trx, input.clientId));
  for (const [path, kind, code] of [
    ['businessLine', 'business_line', input.businessLine],
    ['cause', 'cause', input.cause],
  ] as const) {
    const known = await trx
      .selectFrom('complaint_categories')
      .select('id')
      .where('kind', '=', kind)
      .where('code', '=', code)
      .where('retired', '=', 0)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (!known) throw invalid('errors.complaints.unknown_category', path, `no ${kind} ${code} in head office's list`, { code });
  }
  if (input.staffInvolved.length > 0) {
    const found = await trx.selectFrom('staff').select('id').where('id', 'in', input.staffInvolved).execute();
    if (found.length !== new Set(input.staffInvolved).size)
      throw invalid('errors.complaints.unknown_staff', 'staffInvolved', 'unknown staff');
  }

  const base = await newRowColumns(trx, app.clock);
  const receivedAt = new Date(receivedMs).toISOString();
  const caseNo = await nextDayNumber(trx, app.clock, { letters: 'TS', day: receivedOn, table: 'complaints', column: 'case_no' });
  await trx
    .insertInto('complaints')
    .values({
      ...base,
      case_no: caseNo,
      client_id: input.clientId,
      complainant_kind: input.complainantKind,
      complainant_name: input.complainantName,
      complainant_contact: input.complainantContact,
      authority_ref: input.authorityRef,
      representatives: JSON.stringify(input.representatives),
      channel: input.channel,
      business_line: input.businessLine,
      cause: input.cause,
      description: input.description,
      request: input.request,
      amount_fen: input.amountFen,
      severity: input.severity,
      staff_involved: JSON.stringify([...new Set(input.staffInvolved)]),
      received_at: receivedAt,
      received_on: receivedOn,
      regulator_ref: input.regulatorRef,
      regulator_due: input.regulatorDue,
      taken_by: staff.id,
      demo,
      status: 'received',
      extension: 'none',
      conflicts: 0,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'complaints', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  await appendEvent(trx, app, staff, base.id, { kind: 'received', fromStatus: 'received', data: { channel: input.channel } });
  return { id: base.id, caseNo, receivedOn, dueOn: decisionDue(receivedOn, 'none', input.regulatorDue) };
}

/** What each step carries into its event's data (the reasons, outcome and remedy people read in the history). */
function stepData(step: ComplaintStep, approver: Pick<Staff, 'id' | 'displayName'> | null): Record<string, unknown> {
  switch (step.kind) {
    case 'assigned':
      return { officerId: step.officerId };
    case 'escalated':
      return { level: step.level };
    case 'extended':
      return {
        extension: step.extension,
        reason: step.reason,
        complainantToldAt: step.complainantToldAt,
        approverId: approver?.id ?? null,
        approverName: approver?.displayName ?? null,
      };
    case 'decided':
      return {
        outcome: step.outcome,
        remedy: step.remedy,
        compensationFen: step.compensationFen,
        reasons: step.reasons,
        rootCause: step.rootCause,
        fix: step.fix,
        complainantToldAt: step.complainantToldAt,
      };
    case 'closed':
      return { satisfaction: step.satisfaction, surveyId: step.surveyId };
    default:
      return {};
  }
}

function stepNote(step: ComplaintStep): string | null {
  return 'note' in step ? step.note : step.kind === 'extended' ? step.reason : null;
}

interface NewEvent {
  kind: string;
  fromStatus: ComplaintStatus;
  data: Record<string, unknown>;
  note?: string | null;
  correctsId?: string | null;
}

/** Appends one event to a case's history with its change record, and recomputes the case from its events. */
async function appendEvent(trx: Trx, app: AppCore, staff: Staff, complaintId: string, event: NewEvent): Promise<string> {
  const base = await newRowColumns(trx, app.clock);
  await trx
    .insertInto('complaint_events')
    .values({
      ...base,
      complaint_id: complaintId,
      kind: event.kind,
      at: base.created_at,
      day: localDate(app.clock.now(), app.settings.timeZone),
      from_status: event.fromStatus,
      staff_id: staff.id,
      staff_name: staff.displayName,
      data: JSON.stringify(event.data),
      note: event.note ?? null,
      corrects_id: event.correctsId ?? null,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'complaint_events', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  refreshCases(app.store.raw, [complaintId]);
  return base.id;
}

/**
 * Takes one step on a case (DOMAIN.md §5): refused when the case has moved on since the screen showed it, when the
 * workflow does not allow the step from its state, when the officer or the person acting is named in the complaint
 * (回避), or when an extension breaks its rules (the especially complex one needs a manager's approval, given here
 * by the manager's own password).
 */
export async function takeStep(trx: Trx, app: AppCore, staff: Staff, id: string, expectedStatus: ComplaintStatus, step: ComplaintStep) {
  const kase = await trx
    .selectFrom('complaints')
    .select(['id', 'status', 'extension', 'staff_involved'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!kase) throw new AppError('NOT_FOUND', 'errors.complaints.not_found', 'no such case', { params: { id } });
  const status = kase.status as ComplaintStatus;
  if (status !== expectedStatus) {
    throw new AppError('CONFLICT', 'errors.complaints.moved_on', `the case is ${status} now, not ${expectedStatus}`, {
      params: { status },
    });
  }
  if (stepFrom(status, step.kind) === null) {
    throw new AppError('CONFLICT', 'errors.complaints.step_not_allowed', `${step.kind} is not allowed on a case that is ${status}`, {
      params: { step: step.kind, status },
    });
  }
  const involved = parseList(kase.staff_involved);
  // 回避: whoever the complaint names takes no part in handling it (a note in the history excepted).
  if (step.kind !== 'note' && conflictsOfInterest(staff.id, involved)) {
    throw new AppError('FORBIDDEN', 'errors.complaints.conflict_of_interest', 'the complaint names you: someone else handles it');
  }

  let approver: Pick<Staff, 'id' | 'displayName'> | null = null;
  if (step.kind === 'assigned') await checkOfficer(trx, step.officerId, involved);
  if (step.kind === 'correction') {
    const corrected = await trx.selectFrom('complaint_events').select('complaint_id').where('id', '=', step.correctsId).executeTakeFirst();
    if (corrected?.complaint_id !== id) throw invalid('errors.complaints.bad_correction', 'correctsId', 'not an event of this case');
  }
  if (step.kind === 'extended') {
    if (Date.parse(step.complainantToldAt) > app.clock.now() + FUTURE_SLACK_MS) {
      throw invalid('errors.complaints.told_in_future', 'complainantToldAt', 'told in the future');
    }
    const approval = step.extension === 'especially_complex' ? await approvalFrom(trx, app, staff, step.approval, involved) : null;
    approver = approval;
    const refusal = checkExtension({
      status,
      current: kase.extension as ExtensionLevel,
      requested: step.extension,
      approverRoles: approval?.roles ?? null,
      complainantToldAt: step.complainantToldAt,
    });
    if (refusal) throw new AppError('CONFLICT', `errors.complaints.extension.${refusal}`, `the extension is refused: ${refusal}`);
  }
  if (step.kind === 'closed' && step.surveyId !== null) {
    // The closing names the survey the complainant answered about this case; its CSAT is the satisfaction recorded.
    const survey = await trx
      .selectFrom('survey_responses')
      .select(['complaint_id', 'csat'])
      .where('id', '=', step.surveyId)
      .executeTakeFirst();
    if (survey?.complaint_id !== id) throw invalid('errors.complaints.bad_survey', 'surveyId', 'not a survey about this case');
    step = { ...step, satisfaction: step.satisfaction ?? survey.csat };
  }
  const eventId = await appendEvent(trx, app, staff, id, {
    kind: step.kind,
    fromStatus: status,
    data: stepData(step, approver),
    note: stepNote(step),
    correctsId: step.kind === 'correction' ? step.correctsId : null,
  });
  // A case closed (or reopened) changes what is due with its client: the after-complaint survey (DOMAIN.md §7).
  if (step.kind === 'closed' || step.kind === 'reopened') {
    const client = await trx.selectFrom('complaints').select('client_id').where('id', '=', id).executeTakeFirst();
    if (client?.client_id) rederiveClients(app, [client.client_id]);
  }
  return { eventId };
}

/** The officer a case is assigned to handles complaints (or manages the branch), is active, and is not named in it. */
async function checkOfficer(trx: Trx, officerId: string, involved: string[]): Promise<void> {
  const officer = await trx.selectFrom('staff').select(['roles', 'disabled']).where('id', '=', officerId).executeTakeFirst();
  if (!officer || officer.disabled || !handlesComplaints(parseList(officer.roles))) {
    throw invalid('errors.complaints.not_an_officer', 'officerId', 'not an active complaint officer or manager');
  }
  if (conflictsOfInterest(officerId, involved)) {
    throw invalid('errors.complaints.officer_involved', 'officerId', 'the complaint names this officer (回避)');
  }
}

/**
 * The manager approving an especially complex extension (a higher level's approval, CBIRC Order 2020 No. 3): the
 * acting member of staff if they are a manager, else a manager at their side who types their own password. The
 * approver, like the handler, may not be named in the complaint.
 */
async function approvalFrom(
  trx: Trx,
  app: AppCore,
  staff: Staff,
  approval: { login: string; password: string } | null,
  involved: string[],
): Promise<{ id: string; displayName: string; roles: string[] } | null> {
  if (approval === null)
    return staff.roles.includes('manager') ? { id: staff.id, displayName: staff.displayName, roles: staff.roles } : null;
  const row = await trx
    .selectFrom('staff')
    .select(['id', 'display_name', 'roles', 'password_hash', 'password_salt', 'disabled'])
    .where('login', '=', approval.login)
    .executeTakeFirst();
  const ok =
    row !== undefined &&
    !row.disabled &&
    (await app.passwords.verify(approval.password, { hash: row.password_hash, salt: row.password_salt }));
  if (!ok || !row) throw new AppError('FORBIDDEN', 'errors.complaints.approval_failed', 'the approver’s login or password is wrong');
  if (conflictsOfInterest(row.id, involved))
    throw new AppError('FORBIDDEN', 'errors.complaints.conflict_of_interest', 'the complaint names the approver');
  return { id: row.id, displayName: row.display_name, roles: parseList(row.roles) };
}
