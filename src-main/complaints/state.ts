import { sql } from 'kysely';
import {
  type CaseEvent,
  type ComplaintEventKind,
  type ComplaintStatus,
  decisionDeadline,
  dueOf,
  type EventData,
  foldCase,
  OPEN_STATUSES,
} from '../../src-shared/domain/complaints';
import { perConnection, type RawDb } from '../store/open';

export interface EventRow {
  id: string;
  kind: string;
  updated_hlc: string;
  day: string;
  from_status: string;
  staff_id: string | null;
  data: string;
  at: string;
  staff_name: string | null;
  note: string | null;
  corrects_id: string | null;
}

const statements = perConnection((raw: RawDb) => ({
  intake: raw.prepare('SELECT received_on, regulator_due FROM complaints WHERE id = ?'),
  events: raw.prepare(
    `SELECT id, kind, updated_hlc, day, from_status, staff_id, data, at, staff_name, note, corrects_id
     FROM complaint_events WHERE complaint_id = ? ORDER BY updated_hlc, id`,
  ),
  write: raw.prepare(
    `UPDATE complaints SET status = ?, officer_id = ?, extension = ?, due_on = ?, decided_on = ?, outcome = ?, escalated_to = ?,
            closed_on = ?, conflicts = ?, last_event_at = ?, decision_from = ?, decision_due = ? WHERE id = ?`,
  ),
}));

export function toCaseEvent(row: EventRow): CaseEvent {
  return {
    id: row.id,
    kind: row.kind as ComplaintEventKind,
    hlc: row.updated_hlc,
    on: row.day,
    fromStatus: row.from_status as ComplaintStatus,
    staffId: row.staff_id,
    data: JSON.parse(row.data) as EventData,
  };
}

/** A case's events as the fold reads them, in HLC order. */
export function caseEvents(raw: RawDb, complaintId: string): { rows: EventRow[]; events: CaseEvent[] } {
  const rows = statements(raw).events.all(complaintId) as EventRow[];
  return { rows, events: rows.map(toCaseEvent) };
}

/**
 * Recomputes and writes what is derived on each case (status, officer, extension, due day, outcome, conflicts):
 * after a step here, and after sync brought events from another workstation. Synchronous statements on the caller's
 * transaction.
 */
export function refreshCases(raw: RawDb, complaintIds: Iterable<string>): void {
  const s = statements(raw);
  for (const id of new Set(complaintIds)) {
    const intake = s.intake.get(id) as { received_on: string; regulator_due: string | null } | undefined;
    if (!intake) continue;
    const { rows, events } = caseEvents(raw, id);
    const state = foldCase(intake.received_on, events);
    s.write.run(
      state.status,
      state.officerId,
      state.extension,
      dueOf(state, intake.regulator_due),
      state.decidedOn,
      state.outcome,
      state.escalatedTo,
      state.closedOn,
      state.conflicts.length,
      rows.at(-1)?.at ?? null,
      state.decisionFrom,
      decisionDeadline(state, intake.regulator_due),
      id,
    );
  }
}

/**
 * "The case is open", written as the partial indexes complaints_open_due and complaints_open_officer are (a literal
 * list: SQLite uses a partial index only for a query that names its condition, and a bound parameter does not).
 */
export const openCase = sql<boolean>`status IN (${sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))})`;
