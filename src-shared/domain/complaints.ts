import { addDays, daysBetween, requireCalendarDate } from './calendar-date';

/**
 * Complaints (DOMAIN.md §5; 《银行业保险业消费投诉处理管理办法》, CBIRC Order 2020 No. 3): the vocabulary, the
 * workflow as a table of allowed steps, the legal clock, and the case's state folded from its append-only events.
 * Pure: the service layer stores events and this decides what they mean.
 */

export const COMPLAINT_CHANNELS = ['counter', 'phone', 'letter', 'email', 'app', 'social_media', 'regulator'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Who handles cases and reads them whole (DOMAIN.md §5): complaint officers and branch managers. */
export const COMPLAINT_HANDLER_ROLES = ['complaints', 'manager'] as const;

export function handlesComplaints(roles: readonly string[]): boolean {
  return COMPLAINT_HANDLER_ROLES.some((role) => roles.includes(role));
}

/** Who complains: the client, an agent with a signed authority (委托), an heir, a group (≤ 5 representatives), or someone not (yet) a client. */
export const COMPLAINANT_KINDS = ['client', 'agent', 'heir', 'group', 'anonymous'] as const;
export type ComplainantKind = (typeof COMPLAINANT_KINDS)[number];
/** DOMAIN.md §5: a group names at most five representatives for a face-to-face complaint. */
export const MAX_REPRESENTATIVES = 5;

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPLAINT_STATUSES = [
  'received',
  'accepted',
  'investigating',
  'escalated',
  'decided',
  'review',
  'closed',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Cases still waiting for a decision: they run against the decision clock (or, in review, the review clock). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['received', 'accepted', 'investigating', 'escalated', 'review'];

export const COMPLAINT_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const ESCALATION_LEVELS = ['branch_manager', 'head_office'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * CBIRC Order 2020 No. 3, art. 23: decide and tell the complainant within 15 days of receipt; a complex case may be
 * extended to 30 days; an especially complex one by a further 30 days, 60 at most, with a higher level's approval.
 */
export const EXTENSIONS = { none: 15, complex: 30, especially_complex: 60 } as const;
export type ExtensionLevel = keyof typeof EXTENSIONS;
/** DOMAIN.md §5: a review (核查) requested after the decision is decided and told within 30 days of the request. */
export const REVIEW_DAYS = 30;

/**
 * Every step of a case is one of these events, appended, never edited. `received` is the intake itself. Steps that
 * move the case are `transitions`; the others (assignment, notes, extensions, corrections) keep its state.
 */
export const COMPLAINT_EVENT_KINDS = [
  'received',
  'accepted',
  'assigned',
  'investigating',
  'escalated',
  'extended',
  'decided',
  'review_requested',
  'closed',
  'withdrawn',
  'reopened',
  'note',
  'correction',
] as const;
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number];

/** The steps that move a case, from each state. Anything not listed is refused, with the state it was in. */
const TRANSITIONS: Partial<Record<ComplaintEventKind, { from: readonly ComplaintStatus[]; to: ComplaintStatus }>> = {
  accepted: { from: ['received'], to: 'accepted' },
  investigating: { from: ['accepted', 'escalated'], to: 'investigating' },
  escalated: { from: ['received', 'accepted', 'investigating', 'review'], to: 'escalated' },
  // A decision ends the review too (its outcome replaces the first one).
  decided: { from: ['investigating', 'escalated', 'review'], to: 'decided' },
  review_requested: { from: ['decided', 'closed'], to: 'review' },
  closed: { from: ['decided'], to: 'closed' },
  // 撤回: the complainant may withdraw at any point before the decision; handling ends that day.
  withdrawn: { from: ['received', 'accepted', 'investigating', 'escalated'], to: 'withdrawn' },
  // On appeal a closed (or decided) case is handled again, against a new clock.
  reopened: { from: ['decided', 'closed'], to: 'investigating' },
};

/** Steps that keep the state, and the states in which they make sense (not after the case is closed or withdrawn). */
const IN_PLACE: Partial<Record<ComplaintEventKind, readonly ComplaintStatus[]>> = {
  assigned: ['received', 'accepted', 'investigating', 'escalated', 'review'],
  extended: ['received', 'accepted', 'investigating', 'escalated'],
  note: COMPLAINT_STATUSES,
  correction: COMPLAINT_STATUSES,
};

export function isTransition(kind: ComplaintEventKind): boolean {
  return kind in TRANSITIONS;
}

/** The state a step leads to from `status`, or null when the step is not allowed there. */
export function stepFrom(status: ComplaintStatus, kind: ComplaintEventKind): ComplaintStatus | null {
  const transition = TRANSITIONS[kind];
  if (transition) return transition.from.includes(status) ? transition.to : null;
  const places = IN_PLACE[kind];
  return places?.includes(status) ? status : null;
}

/** The steps a member of staff may take on a case in `status` (the buttons a case screen offers). */
export function stepsFrom(status: ComplaintStatus): ComplaintEventKind[] {
  return COMPLAINT_EVENT_KINDS.filter((kind) => kind !== 'received' && stepFrom(status, kind) !== null);
}

/**
 * The decision is due `EXTENSIONS[level]` calendar days after the day of receipt ("15日内": receipt on 1 March, due
 * 16 March). A regulator's referral carries its own deadline, and the earlier of the two applies.
 */
export function decisionDue(receivedOn: string, level: ExtensionLevel, regulatorDue: string | null = null): string {
  requireCalendarDate(receivedOn, 'received date');
  const statutory = addDays(receivedOn, EXTENSIONS[level]);
  return regulatorDue !== null && regulatorDue < statutory ? regulatorDue : statutory;
}

/** A review requested on `requestedOn` is due 30 calendar days later. */
export function reviewDue(requestedOn: string): string {
  return addDays(requestedOn, REVIEW_DAYS);
}

/** Whole calendar days from `today` to `due`: 0 on the due day, negative once past it. */
export function daysLeft(today: string, due: string): number {
  return daysBetween(today, due);
}

export type DeadlineState = 'overdue' | 'near' | 'ok';

/** Past due, within `nearDays` of it (the setting, default 3), or comfortably ahead. */
export function deadlineState(today: string, due: string, nearDays: number): DeadlineState {
  const left = daysLeft(today, due);
  if (left < 0) return 'overdue';
  return left <= nearDays ? 'near' : 'ok';
}

export type ExtensionRefusal =
  'not_open' | 'not_longer' | 'needs_complex_first' | 'needs_approver' | 'approver_not_manager' | 'told_missing';

/**
 * An extension's rules: only while the case waits for its decision; only ever longer (15 → 30 → 60, never beyond);
 * the especially complex step (to 60) comes after the complex one and needs a manager's approval; every extension
 * says when the complainant was told.
 */
export function checkExtension(input: {
  status: ComplaintStatus;
  current: ExtensionLevel;
  requested: ExtensionLevel;
  approverRoles: readonly string[] | null;
  complainantToldAt: string | null;
}): ExtensionRefusal | null {
  if (stepFrom(input.status, 'extended') === null) return 'not_open';
  if (EXTENSIONS[input.requested] <= EXTENSIONS[input.current]) return 'not_longer';
  if (input.requested === 'especially_complex') {
    if (input.current !== 'complex') return 'needs_complex_first';
    if (input.approverRoles === null) return 'needs_approver';
    if (!input.approverRoles.includes('manager')) return 'approver_not_manager';
  }
  if (!input.complainantToldAt) return 'told_missing';
  return null;
}

/** 回避: the officer handling a case has no stake in it, so none of the staff the complaint names. */
export function conflictsOfInterest(officerId: string, staffInvolved: readonly string[]): boolean {
  return staffInvolved.includes(officerId);
}

/** One stored event, as the fold reads it. */
export interface CaseEvent {
  id: string;
  kind: ComplaintEventKind;
  /** Hybrid logical clock: the order events happened in across workstations. */
  hlc: string;
  /** The day it happened, in the branch's zone (`YYYY-MM-DD`). */
  on: string;
  /** The state the author saw when taking the step: two workstations acting offline from one state conflict. */
  fromStatus: ComplaintStatus;
  staffId: string | null;
  data: EventData;
}

/** What the events carry that the fold needs (the rest — notes, reasons — is for people and stays in `data`). */
export interface EventData {
  officerId?: string;
  extension?: ExtensionLevel;
  outcome?: ComplaintOutcome;
  level?: EscalationLevel;
}

export interface CaseState {
  status: ComplaintStatus;
  officerId: string | null;
  extension: ExtensionLevel;
  /** The day the current clock started: receipt, the reopening, or the review request. */
  clockFrom: string;
  /** The clock that runs: the decision's or the review's. */
  clock: 'decision' | 'review';
  /** The day the decision's clock started (receipt, or the reopening on appeal): a review leaves it where it was. */
  decisionFrom: string;
  decidedOn: string | null;
  outcome: ComplaintOutcome | null;
  escalatedTo: EscalationLevel | null;
  closedOn: string | null;
  /** The regulator's own deadline binds the first handling, not a reopening on appeal. */
  firstHandling: boolean;
  /** Steps taken offline from a state another workstation had already left: kept, shown, never applied. */
  conflicts: string[];
}

/**
 * The case as its events say, replayed in HLC order. Each event applies only if it was allowed from the state at
 * that point; one that was taken from a state another workstation had already moved the case out of (decided here,
 * escalated there) is a conflict: recorded, both events kept, the first by HLC wins, and the case shows it.
 */
export function foldCase(receivedOn: string, events: readonly CaseEvent[]): CaseState {
  const state: CaseState = {
    status: 'received',
    officerId: null,
    extension: 'none',
    clockFrom: receivedOn,
    clock: 'decision',
    decisionFrom: receivedOn,
    decidedOn: null,
    outcome: null,
    escalatedTo: null,
    closedOn: null,
    firstHandling: true,
    conflicts: [],
  };
  const ordered = [...events].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : 1));
  for (const event of ordered) {
    if (event.kind === 'received') continue;
    const next = stepFrom(state.status, event.kind);
    if (next === null || (isTransition(event.kind) && event.fromStatus !== state.status)) {
      state.conflicts.push(event.id);
      continue;
    }
    apply(state, event, next);
  }
  return state;
}

function apply(state: CaseState, event: CaseEvent, next: ComplaintStatus): void {
  switch (event.kind) {
    case 'assigned':
      state.officerId = event.data.officerId ?? state.officerId;
      break;
    case 'extended':
      state.extension = event.data.extension ?? state.extension;
      break;
    case 'escalated':
      state.escalatedTo = event.data.level ?? 'branch_manager';
      break;
    case 'decided':
      state.decidedOn = event.on;
      state.outcome = event.data.outcome ?? null;
      state.clock = 'decision';
      break;
    case 'review_requested':
      state.clock = 'review';
      state.clockFrom = event.on;
      state.closedOn = null;
      break;
    case 'closed':
    case 'withdrawn':
      state.closedOn = event.on;
      break;
    case 'reopened':
      // On appeal the case is handled again against a fresh statutory clock.
      state.clock = 'decision';
      state.clockFrom = event.on;
      state.decisionFrom = event.on;
      state.extension = 'none';
      state.decidedOn = null;
      state.outcome = null;
      state.closedOn = null;
      state.firstHandling = false;
      break;
    default:
      break;
  }
  state.status = next;
}

/** The day the running clock falls due, or null once nothing is waiting (decided, closed, withdrawn). */
export function dueOf(state: CaseState, regulatorDue: string | null): string | null {
  if (!OPEN_STATUSES.includes(state.status)) return null;
  if (state.clock === 'review') return reviewDue(state.clockFrom);
  return decisionDue(state.clockFrom, state.extension, state.firstHandling ? regulatorDue : null);
}

/**
 * The decision's deadline as it stands or stood when the case was decided (a review's own clock aside): what the
 * register measures "decided in time" against.
 */
export function decisionDeadline(state: CaseState, regulatorDue: string | null): string {
  return decisionDue(state.decisionFrom, state.extension, state.firstHandling ? regulatorDue : null);
}
