/**
 * Events and salons (DOMAIN.md §6, the seeds' action plan 003): what an event is, how it moves, how invitations
 * answer, who has a seat and who waits, and the review's arithmetic. Pure: the clock and the data are passed in.
 */

export const EVENT_TYPES = ['salon', 'lecture', 'gathering', 'visit'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATUSES = ['draft', 'open', 'closed', 'held', 'reviewed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The steps an event takes, and the states each may be taken from. Anything else is refused with the state. */
export const EVENT_TRANSITIONS = {
  // 开放邀请: invitations may go out.
  opened: { from: ['draft', 'closed'], to: 'open' },
  // 截止报名: no more acceptances; the waitlist still moves up when a seat frees.
  closed: { from: ['open'], to: 'closed' },
  held: { from: ['open', 'closed'], to: 'held' },
  reviewed: { from: ['held'], to: 'reviewed' },
  cancelled: { from: ['draft', 'open', 'closed'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly EventStatus[]; to: EventStatus }>;
export type EventStep = keyof typeof EVENT_TRANSITIONS;

export function eventStepFrom(status: EventStatus, step: EventStep): EventStatus | null {
  const rule = EVENT_TRANSITIONS[step];
  return (rule.from as readonly EventStatus[]).includes(status) ? rule.to : null;
}

/** How an invitation went out (003 邀请客户). */
export const INVITATION_CHANNELS = ['phone', 'letter', 'email', 'sms', 'wechat', 'counter'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];

/** What the guest said; `withdrew`: accepted, then said they cannot come (their seat frees). */
export const INVITATION_ANSWERS = ['accepted', 'declined', 'no_answer', 'withdrew'] as const;
export type InvitationAnswer = (typeof INVITATION_ANSWERS)[number];

/** An invitation's state as staff see it: the answer, with an accepted guest either seated or waiting. */
export type InvitationState = 'invited' | 'seated' | 'waitlisted' | 'declined' | 'no_answer' | 'withdrew';

/** One answer recorded on an invitation, as the fold reads it. */
export interface InvitationAnswerEvent {
  invitationId: string;
  answer: InvitationAnswer;
  /** Hybrid logical clock: the order answers happened in across workstations. */
  hlc: string;
}

export interface SeatPlan {
  /** Each invitation's state now. */
  states: Map<string, InvitationState>;
  /** Seated guests in the order they accepted. */
  seated: string[];
  /** Waiting guests, first to move up first. */
  waitlist: string[];
}

/**
 * Who has a seat (DOMAIN.md §6): accepted guests take the seats in the order they accepted, by hybrid clock, so two
 * workstations accepting offline agree once sync brings both — the later acceptance waits. An invitation's latest
 * answer counts; a guest who accepts again after withdrawing joins the end of the line. Capacity is never exceeded.
 */
export function planSeats(capacity: number, invitationIds: readonly string[], answers: readonly InvitationAnswerEvent[]): SeatPlan {
  const latest = new Map<string, InvitationAnswerEvent>();
  const ordered = [...answers].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.invitationId < b.invitationId ? -1 : 1));
  for (const a of ordered) latest.set(a.invitationId, a);
  const accepted = [...latest.values()].filter((a) => a.answer === 'accepted').sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  const seated = accepted.slice(0, Math.max(0, capacity)).map((a) => a.invitationId);
  const waitlist = accepted.slice(Math.max(0, capacity)).map((a) => a.invitationId);
  const states = new Map<string, InvitationState>();
  for (const id of invitationIds) {
    const answer = latest.get(id)?.answer;
    states.set(id, answer === undefined ? 'invited' : answer === 'accepted' ? 'waitlisted' : answer);
  }
  for (const id of seated) states.set(id, 'seated');
  return { states, seated, waitlist };
}

/**
 * Guests who had a seat in `after` but were waiting in `before` (a seat freed, the capacity grew, or sync settled an
 * offline race the other way): whoever invited each gets a worklist item to call them.
 */
export function movedUp(before: SeatPlan, after: SeatPlan): string[] {
  return after.seated.filter((id) => before.states.get(id) === 'waitlisted');
}

/**
 * Guests who thought they had a seat and are now waiting (an offline acceptance that sync put behind another
 * workstation's): the member of staff who took the acceptance is told.
 */
export function movedDown(before: SeatPlan, after: SeatPlan): string[] {
  return after.waitlist.filter((id) => before.states.get(id) === 'seated');
}

/** What the review reads of one event (DOMAIN.md §6 总结回顾). */
export interface EventFacts {
  invited: number;
  /** Invited clients actually reached (any answer but no answer). */
  reached: number;
  accepted: number;
  attended: number;
  /** Attended without an invitation (walk-ins). */
  walkIns: number;
  /** Profile facts recorded about attendees during the event window. */
  newInformation: number;
  followUps: number;
  sales: number;
  salesFen: number;
  costFen: number | null;
}

export interface EventReview {
  reachRate: number | null;
  acceptRate: number | null;
  attendRate: number | null;
  noShows: number;
  costPerAttendeeFen: number | null;
  costPerSaleFen: number | null;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The review's figures: reach over invited, accepted over reached, attended (invited guests who came) over
 * accepted, no-shows (seated guests who did not come), cost per attendee (walk-ins count) and per sale. A figure with
 * nothing to divide by is null, never 0 or infinity.
 */
export function reviewFigures(f: EventFacts): EventReview {
  const attendedInvited = f.attended - f.walkIns;
  return {
    reachRate: share(f.reached, f.invited),
    acceptRate: share(f.accepted, f.reached),
    attendRate: share(attendedInvited, f.accepted),
    noShows: Math.max(0, f.accepted - attendedInvited),
    costPerAttendeeFen: f.costFen === null || f.attended === 0 ? null : Math.round(f.costFen / f.attended),
    costPerSaleFen: f.costFen === null || f.sales === 0 ? null : Math.round(f.costFen / f.sales),
  };
}
