/**
 * Events and salons (DOMAIN.md §6, the seeds' action plan 003): what an event is, how it moves, how invitations
 * answer, who has a seat and who waits, and the review's arithmetic. Pure: the clock and the data are passed in.
 */

export const EVENT_TYPES = ['salon', 'lecture', 'gathering', 'visit'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The most guests one event may seat. */
export const MAX_CAPACITY = 2000;

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

/** What an invitation's record can say, appended in HLC order (the answers above, and the bookkeeping around them). */
export const GUEST_RECORD_KINDS = ['invited', ...INVITATION_ANSWERS, 'removed', 'told', 'followed_up'] as const;
export type GuestRecordKind = (typeof GUEST_RECORD_KINDS)[number];

/** A guest's state on the list: not yet invited, one of the invitation states, or taken off the list. */
export type GuestState = 'listed' | InvitationState | 'removed';

/** Who should call a guest, and why (a worklist item until a call is recorded). */
export type GuestNotice = 'moved_up' | 'moved_down' | 'cancelled' | 'follow_up';

export interface EventRecord {
  capacity: number;
  steps: readonly { step: EventStep; hlc: string }[];
  /** The list, in HLC order of being added. The same client added twice (two workstations offline) is one guest. */
  guests: readonly { id: string; clientId: string; hlc: string }[];
  answers: readonly {
    guestId: string;
    kind: GuestRecordKind;
    hlc: string;
    staffId: string | null;
    seatSeen: 'seated' | 'waitlisted' | null;
  }[];
  checkins: readonly { clientId: string; at: string }[];
}

export interface GuestFold {
  state: GuestState;
  /** Place in the seat order: seated guests 1…capacity, then the waitlist. */
  queue: number | null;
  /** Who first invited the guest. */
  inviterId: string | null;
  /** Who took the acceptance that counts. */
  takerId: string | null;
  notice: GuestNotice | null;
  /** Whose call it is: the inviter, the one who took the acceptance, or the client's relationship manager. */
  noticeFor: 'inviter' | 'taker' | 'manager' | null;
  checkedInAt: string | null;
  /** Another guest row for the same client (added twice offline): it shows as that one. */
  duplicateOf: string | null;
}

export interface EventFold {
  status: EventStatus;
  cancelledHlc: string | null;
  guests: Map<string, GuestFold>;
  counts: { guests: number; invited: number; seated: number; waitlisted: number; checkedIn: number };
}

const byHlc = <T extends { hlc: string }>(rows: readonly T[]) => [...rows].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));

/** The state its steps lead to, in HLC order; a step its state no longer allows (an offline race) is passed over. */
export function eventStatus(steps: EventRecord['steps']): { status: EventStatus; cancelledHlc: string | null } {
  let status: EventStatus = 'draft';
  let cancelledHlc: string | null = null;
  for (const s of byHlc(steps)) {
    const next = eventStepFrom(status, s.step);
    if (next === null) continue;
    status = next;
    if (next === 'cancelled') cancelledHlc = s.hlc;
  }
  return { status, cancelledHlc };
}

/**
 * An event's whole state from its record, the same on every workstation that holds the same record: its status,
 * each guest's seat or place in line (planSeats), who should call whom, and the counts. A guest is owed a call when
 * what they were last told (the acceptance, or the latest call that told them) is no longer true: they moved up,
 * they were moved down by an acceptance sync placed before theirs, or the event was cancelled. After the event, each
 * guest who came is owed a follow-up by their relationship manager.
 */
export function foldEvent(record: EventRecord): EventFold {
  const { status, cancelledHlc } = eventStatus(record.steps);
  const canonical = new Map<string, string>(); // client → the first guest row
  const guestOf = new Map<string, string>(); // guest row → canonical guest row
  for (const g of byHlc(record.guests)) {
    const first = canonical.get(g.clientId);
    if (first === undefined) canonical.set(g.clientId, g.id);
    guestOf.set(g.id, first ?? g.id);
  }
  const ids = [...canonical.values()];
  const per = new Map<
    string,
    {
      inviterId: string | null;
      last: { kind: GuestRecordKind; staffId: string | null } | null;
      heard: { seat: string | null; hlc: string } | null;
      followedUp: boolean;
      toldAfterCancel: boolean;
      takerId: string | null;
    }
  >();
  for (const id of ids) per.set(id, { inviterId: null, last: null, heard: null, followedUp: false, toldAfterCancel: false, takerId: null });
  const seatAnswers: InvitationAnswerEvent[] = [];
  for (const a of byHlc(record.answers)) {
    const id = guestOf.get(a.guestId);
    const p = id === undefined ? undefined : per.get(id);
    if (id === undefined || p === undefined) continue;
    if (a.kind === 'invited') {
      p.inviterId ??= a.staffId;
    } else if (a.kind === 'told') {
      p.heard = { seat: a.seatSeen, hlc: a.hlc };
      if (cancelledHlc !== null && a.hlc > cancelledHlc) p.toldAfterCancel = true;
    } else if (a.kind === 'followed_up') {
      p.followedUp = true;
    } else {
      p.last = { kind: a.kind, staffId: a.staffId };
      // Removed from the list frees a seat like a withdrawal does.
      seatAnswers.push({ invitationId: id, answer: a.kind === 'removed' ? 'withdrew' : a.kind, hlc: a.hlc });
      if (a.kind === 'accepted') {
        p.takerId = a.staffId;
        p.heard = { seat: a.seatSeen, hlc: a.hlc };
      }
    }
  }
  const plan = planSeats(record.capacity, ids, seatAnswers);
  const queue = new Map<string, number>();
  [...plan.seated, ...plan.waitlist].forEach((id, i) => queue.set(id, i + 1));
  const arrived = new Map<string, string>();
  for (const c of record.checkins) {
    const seen = arrived.get(c.clientId);
    if (seen === undefined || c.at < seen) arrived.set(c.clientId, c.at);
  }

  const guests = new Map<string, GuestFold>();
  let invited = 0;
  let listed = 0;
  for (const [clientId, id] of canonical) {
    const p = per.get(id)!;
    const seatState = plan.states.get(id) ?? 'invited';
    const state: GuestState =
      p.last?.kind === 'removed' ? 'removed' : seatState === 'invited' && p.inviterId === null ? 'listed' : seatState;
    if (state !== 'removed') listed++;
    if (p.inviterId !== null && state !== 'removed') invited++;
    const checkedInAt = arrived.get(clientId) ?? null;
    let notice: GuestNotice | null = null;
    let noticeFor: GuestFold['noticeFor'] = null;
    const accepted = state === 'seated' || state === 'waitlisted';
    if (status === 'cancelled') {
      if (accepted && !p.toldAfterCancel) [notice, noticeFor] = ['cancelled', 'inviter'];
    } else if (accepted && p.heard !== null && p.heard.seat !== null && p.heard.seat !== state) {
      [notice, noticeFor] = state === 'seated' ? ['moved_up', 'inviter'] : ['moved_down', 'taker'];
    } else if ((status === 'held' || status === 'reviewed') && checkedInAt !== null && !p.followedUp) {
      [notice, noticeFor] = ['follow_up', 'manager'];
    }
    guests.set(id, {
      state,
      queue: accepted ? (queue.get(id) ?? null) : null,
      inviterId: p.inviterId,
      takerId: p.takerId,
      notice,
      noticeFor,
      checkedInAt,
      duplicateOf: null,
    });
  }
  for (const [row, id] of guestOf) {
    if (row !== id) guests.set(row, { ...guests.get(id)!, notice: null, noticeFor: null, duplicateOf: id });
  }
  return {
    status,
    cancelledHlc,
    guests,
    counts: { guests: listed, invited, seated: plan.seated.length, waitlisted: plan.waitlist.length, checkedIn: arrived.size },
  };
}

/** Age bands a segment picks from (DOMAIN.md §6: age). */
export const AGE_BANDS = ['under_30', '30_39', '40_49', '50_59', '60_69', '70_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

const BAND_YEARS: Record<AgeBand, [number, number | null]> = {
  under_30: [0, 29],
  '30_39': [30, 39],
  '40_49': [40, 49],
  '50_59': [50, 59],
  '60_69': [60, 69],
  '70_plus': [70, null],
};

/**
 * The birth dates an age band covers on `today` (`YYYY-MM-DD`, both ends included; `from` null: no lower end): a
 * client is 30 from their 30th birthday to the day before their 40th. A range, so the query reads birth_date as is.
 */
export function ageBandBirthDates(band: AgeBand, today: string): { from: string | null; to: string } {
  const [min, max] = BAND_YEARS[band];
  // Born on or before today `min` years ago; born after today `max + 1` years ago.
  return { from: max === null ? null : nextDay(yearsBefore(today, max + 1)), to: yearsBefore(today, min) };
}

/** The same day `years` earlier; 29 February in a common year is the 28th. */
function yearsBefore(day: string, years: number): string {
  const year = Number(day.slice(0, 4)) - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const md = day.slice(4) === '-02-29' && !leap ? '-02-28' : day.slice(4);
  return `${String(year).padStart(4, '0')}${md}`;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** What an invitation letter's QR code carries: the invitation's id, marked so a stray scan is not taken for one. */
export function invitationCode(guestId: string): string {
  return `BD-INV:${guestId}`;
}

/** The invitation id a scanned code carries, or null when it is not one of ours. Scanners may add spaces or a newline. */
export function parseInvitationCode(text: string): string | null {
  const m = /^\s*BD-INV:([0-9a-fA-F-]{8,64})\s*$/.exec(text);
  return m?.[1]?.toLowerCase() ?? null;
}

/** Client numbers of prospects made at an event's door (`WK20261202-7F3A-001`): the branch's own, until head office's. */
export const WALK_IN_PREFIX = 'WK';

export function isWalkInClientNo(clientNo: string): boolean {
  return /^WK\d{8}-[0-9A-F]{4}-\d{3,}$/.test(clientNo);
}
