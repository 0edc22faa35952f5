import { daysBetween } from './calendar-date';
import type { ReminderKind } from './reminders';

/**
 * How the worklist is ordered and shaped (issue 13; DOMAIN.md §3): what matters most comes first — a large outflow
 * (possible telecom fraud, 24 hours, 002), then money that is moving or at risk (a maturity, a bound crossed, a fall
 * in assets, a run of high-risk buys), then service and care (a promised call, a low score, an expired assessment or
 * ID, a birthday or festival, a client to win back), then the contact cadence. Within a rank the earlier due date
 * first. Complaint deadlines stand above all of them on the worklist page (their own list, complaints/deadlines).
 */
export const URGENCY_RANKS = ['urgent', 'money', 'care', 'cadence'] as const;
export type UrgencyRank = (typeof URGENCY_RANKS)[number];

const RANK_OF: Record<ReminderKind, number> = {
  large_outflow: 0,
  deposit_maturity: 1,
  stop_loss: 1,
  take_profit: 1,
  asset_drop: 1,
  high_risk_streak: 1,
  risk_assessment_expired: 2,
  id_expiry: 2,
  follow_up: 2,
  survey_follow_up: 2,
  survey_due: 2,
  birthday: 2,
  important_date: 2,
  festival: 2,
  win_back: 2,
  vip_deep_contact: 3,
  potential_needs_survey: 3,
  ordinary_service: 3,
};

/** The rank (0 most urgent) a reminder of this kind is listed by. */
export function urgencyOf(kind: ReminderKind): number {
  return RANK_OF[kind];
}

export const CADENCE_KINDS: readonly ReminderKind[] = ['vip_deep_contact', 'potential_needs_survey', 'ordinary_service'];
/** The most urgent rank: a large outflow, to contact within 24 hours. */
export const URGENT_RANK = 0;
/** The cadence's rank: a cadence item long overdue is shown as one collapsed line per client. */
export const CADENCE_RANK = 3;

/**
 * The worklist's groups: what is overdue (recently), due today, coming up (an occasion whose notice is open), and
 * the cadence items overdue longer than the setting (default 90 days) — one line per client saying how many cadences
 * were missed, listed last and folded, so years of missed months do not bury this morning's calls.
 */
export const WORKLIST_GROUPS = ['overdue', 'today', 'upcoming', 'long_overdue'] as const;
export type WorklistGroup = (typeof WORKLIST_GROUPS)[number];

export function groupOf(reminder: { kind: ReminderKind; dueDate: string }, today: string, longOverdueSince: string): WorklistGroup {
  // An urgent item (a large outflow, due within 24 hours) is today's work from the moment it is known.
  if (reminder.dueDate > today) return urgencyOf(reminder.kind) === URGENT_RANK ? 'today' : 'upcoming';
  if (reminder.dueDate === today) return 'today';
  return urgencyOf(reminder.kind) === CADENCE_RANK && reminder.dueDate < longOverdueSince ? 'long_overdue' : 'overdue';
}

/** How many cadence periods a cadence item due on `dueDate` has missed by `today` (the due one included). */
export function missedCadences(dueDate: string, today: string, cadenceDays: number): number {
  if (dueDate > today || cadenceDays <= 0) return 0;
  return Math.floor(daysBetween(dueDate, today) / cadenceDays) + 1;
}
