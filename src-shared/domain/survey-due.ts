import { addDays, parseCalendarDate } from './calendar-date';

/**
 * The worklist items surveys raise for one client (DOMAIN.md §7):
 * - a *follow-up* for each answer sheet with a detractor (NPS 0–6) or a CSAT rating of 1–2: the relationship manager
 *   calls the client back, the answer quoted; due the next day, standing until done or dismissed;
 * - a *due survey*: after an event the client came to, after a complaint of theirs was closed, and the quarterly
 *   questionnaire for a sample of ordinary clients. Each is gone once answered, and lapses like any dated occasion.
 */
export interface SurveyReminderFacts {
  /** Answer sheets of this client that raise a follow-up: the id, the day answered, the words to quote. */
  followUps: readonly { responseId: string; day: string; detail: string }[];
  /** Events held that the client came to (checked in), by the event's day. */
  attended: readonly { eventId: string; day: string }[];
  /** This client's complaints closed, by the day they were closed. */
  closedCases: readonly { caseId: string; day: string }[];
  /** What has been answered already: `event:<id>`, `complaint:<id>`, `quarterly:<YYYY>Q<n>`. */
  answered: ReadonlySet<string>;
}

export interface SurveyDuePolicy {
  /** The quarterly questionnaire goes to one ordinary client in this many each quarter (0: none). */
  quarterlySurveyOneIn: number;
  occasionGraceDays: number;
}

/** An after-event or after-complaint survey is due this many days after the event or the case's closing. */
export const SURVEY_AFTER_DAYS = 3;

export interface SurveyReminder {
  kind: 'survey_follow_up' | 'survey_due';
  key: string;
  dueDate: string;
  refId: string | null;
  detail: string | null;
}

/** `2026Q4` for a day in October to December. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}Q${Math.ceil(month / 3)}`;
}

/** The last day of the day's quarter. */
export function quarterEnd(day: string): string {
  const year = day.slice(0, 4);
  const q = Math.ceil(Number(day.slice(5, 7)) / 3);
  return `${year}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
}

/**
 * Whether an ordinary client is in this quarter's sample: a hash of the client and the quarter, so the sample is the
 * same on every device and every recompute, and a different one each quarter.
 */
export function inQuarterlySample(clientId: string, quarter: string, oneIn: number): boolean {
  if (oneIn <= 0) return false;
  let h = 0x811c9dc5;
  const text = `${clientId}|${quarter}`;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h ^= unit;
    h = Math.imul(h, 0x01000193) >>> 0;
    // Hashed by code point, as it always was: a character outside the BMP counts by its first unit only.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return h % oneIn === 0;
}

/** The survey due after an event the client came to or a complaint of theirs closed, unless answered or lapsed. */
function surveyAfter(
  out: SurveyReminder[],
  facts: SurveyReminderFacts,
  what: 'event' | 'complaint',
  id: string,
  day: string,
  today: string,
  policy: SurveyDuePolicy,
): void {
  if (!parseCalendarDate(day) || day > today || facts.answered.has(`${what}:${id}`)) return;
  const due = addDays(day, SURVEY_AFTER_DAYS);
  if (addDays(due, policy.occasionGraceDays) < today) return;
  out.push({
    kind: 'survey_due',
    key: `survey_due:${what}:${id}`,
    dueDate: due,
    refId: id,
    detail: what === 'event' ? 'after_event' : 'after_complaint',
  });
}

export function surveyReminders(
  clientId: string,
  tier: string,
  facts: SurveyReminderFacts,
  today: string,
  policy: SurveyDuePolicy,
): SurveyReminder[] {
  const out: SurveyReminder[] = [];
  for (const f of facts.followUps) {
    if (f.day > today) continue;
    out.push({
      kind: 'survey_follow_up',
      key: `survey_follow_up:${f.responseId}`,
      dueDate: addDays(f.day, 1),
      refId: f.responseId,
      detail: f.detail,
    });
  }
  for (const e of facts.attended) surveyAfter(out, facts, 'event', e.eventId, e.day, today, policy);
  for (const c of facts.closedCases) surveyAfter(out, facts, 'complaint', c.caseId, c.day, today, policy);
  const quarter = quarterOf(today);
  if (
    tier === 'ordinary' &&
    !facts.answered.has(`quarterly:${quarter}`) &&
    inQuarterlySample(clientId, quarter, policy.quarterlySurveyOneIn)
  ) {
    out.push({ kind: 'survey_due', key: `survey_due:quarterly:${quarter}`, dueDate: quarterEnd(today), refId: null, detail: 'quarterly' });
  }
  return out;
}
