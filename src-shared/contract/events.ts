import { z } from 'zod';
import {
  AGE_BANDS,
  EVENT_STATUSES,
  EVENT_TRANSITIONS,
  EVENT_TYPES,
  INVITATION_CHANNELS,
  MAX_CAPACITY,
  type EventStep,
} from '../domain/events';
import { LIFECYCLES } from '../domain/lifecycle';
import { TIERS } from '../domain/tier';
import { PRODUCT_RISKS } from './clients';
import { method } from './define';
import { optionalText, recordId } from './fields';
import { jobIdSchema } from './jobs';
import { periodSchema } from './period';

/** Who plans events, builds their lists and moves them through their states: event coordinators and managers. */
export const EVENT_ROLES = ['events', 'manager'] as const;

const id = recordId;
const required = (max: number) => z.string().trim().min(1, { message: 'validation.required' }).max(max);
const fen = z.number().int().min(0).max(1e12).nullable().default(null);
const days = z.number().int().min(1).max(3650).nullable().default(null);

/**
 * A target segment (DOMAIN.md §6 选择目标客户): every filter given must hold; a list filter holds when any of its
 * values does. Do-not-disturb clients and those without marketing consent are counted apart and never added from a
 * segment: only by hand, with a reason.
 */
export const segmentSchema = z.object({
  tiers: z.array(z.enum(TIERS)).max(TIERS.length).default([]),
  /** Interest tags, any of them. */
  interests: z.array(z.string().trim().min(1).max(32)).max(10).default([]),
  /** Holds a product at one of these risk levels. */
  productRisks: z.array(z.enum(PRODUCT_RISKS)).max(PRODUCT_RISKS.length).default([]),
  /** Holds a product whose code or name contains this. */
  product: optionalText(40),
  ageBands: z.array(z.enum(AGE_BANDS)).max(AGE_BANDS.length).default([]),
  lifecycles: z.array(z.enum(LIFECYCLES)).max(LIFECYCLES.length).default([]),
  managerId: id.nullable().default(null),
  /** Contacted within the last N days. */
  contactedWithinDays: days,
  /** Not contacted in the last N days (or never). */
  notContactedDays: days,
  /** Not invited to an event of the same type in the last N days. */
  notInvitedDays: days,
});
export type Segment = z.output<typeof segmentSchema>;

/** An event's plan (003 行动方案). Times are instants; the renderer reads and writes them in the workstation's zone. */
export const eventPlanSchema = z
  .object({
    title: required(100),
    type: z.enum(EVENT_TYPES),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
    venue: required(100),
    capacity: z
      .number()
      .int()
      .min(1, { message: 'validation.events.capacity' })
      .max(MAX_CAPACITY, { message: 'validation.events.capacity' }),
    segment: segmentSchema.default(segmentSchema.parse({})),
    costPerHeadFen: fen,
    costTotalFen: fen,
    actualCostFen: fen,
    host: optionalText(60),
    speakers: optionalText(200),
    description: optionalText(2000),
  })
  .superRefine((p, ctx) => {
    if (p.endsAt !== null && Date.parse(p.endsAt) <= Date.parse(p.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'validation.events.ends_before_start' });
  });
export type EventPlan = z.output<typeof eventPlanSchema>;

const countsSchema = z.object({
  guests: z.number().int(),
  invited: z.number().int(),
  seated: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
});

export const eventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(EVENT_TYPES),
  startsAt: z.string(),
  startsOn: z.string(),
  venue: z.string(),
  capacity: z.number().int(),
  status: z.enum(EVENT_STATUSES),
  counts: countsSchema,
  /** A practice event on demo clients. */
  practice: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

const stepNames = Object.keys(EVENT_TRANSITIONS) as [EventStep, ...EventStep[]];

export const eventDetailSchema = eventSummarySchema.extend({
  plan: z.object({
    title: z.string(),
    type: z.enum(EVENT_TYPES),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    venue: z.string(),
    capacity: z.number().int(),
    segment: segmentSchema,
    costPerHeadFen: z.number().int().nullable(),
    costTotalFen: z.number().int().nullable(),
    actualCostFen: z.number().int().nullable(),
    host: z.string().nullable(),
    speakers: z.string().nullable(),
    description: z.string().nullable(),
  }),
  createdBy: z.string().nullable(),
  steps: z.array(z.object({ step: z.enum(stepNames), reason: z.string().nullable(), staffName: z.string().nullable(), at: z.string() })),
  /** The signed-in member of staff may edit the plan and move the event on. */
  canManage: z.boolean(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const GUEST_STATES = ['listed', 'invited', 'seated', 'waitlisted', 'declined', 'no_answer', 'withdrew', 'removed'] as const;
export const GUEST_NOTICES = ['moved_up', 'moved_down', 'cancelled', 'follow_up'] as const;

export const guestSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  clientId: z.string(),
  clientNo: z.string(),
  name: z.string(),
  initials: z.string(),
  tier: z.enum(TIERS),
  maskedMobile: z.string().nullable(),
  state: z.enum(GUEST_STATES),
  /** Place in the seat order (seated 1…capacity, then the waitlist). */
  queue: z.number().int().nullable(),
  source: z.enum(['segment', 'hand', 'walk_in']),
  /** Why a do-not-disturb client or one without consent was added anyway. */
  reason: z.string().nullable(),
  inviterName: z.string().nullable(),
  /** The latest invitation's channel. */
  channel: z.enum(INVITATION_CHANNELS).nullable(),
  notice: z.enum(GUEST_NOTICES).nullable(),
  checkedInAt: z.string().nullable(),
});
export type Guest = z.infer<typeof guestSchema>;

export const GUEST_VIEWS = [
  'all',
  'listed',
  'invited',
  'seated',
  'waitlisted',
  'declined',
  'no_answer',
  'withdrew',
  'removed',
  'arrived',
] as const;

/** A guest's answer as staff record it (the invitation itself is `events.invite`). */
export const GUEST_ANSWERS = ['accepted', 'declined', 'no_answer', 'withdrew', 'removed'] as const;

export const segmentCountSchema = z.object({
  /** Clients the segment matches. */
  matching: z.number().int(),
  /** Of those, the ones a segment may add: not on the list yet, not do-not-disturb, with marketing consent. */
  eligible: z.number().int(),
  doNotDisturb: z.number().int(),
  noConsent: z.number().int(),
  alreadyListed: z.number().int(),
});

export const noticeSchema = z.object({
  guest: guestSchema,
  eventTitle: z.string(),
  eventStartsAt: z.string(),
  eventStatus: z.enum(EVENT_STATUSES),
});

export const checkinResultSchema = z.object({
  name: z.string(),
  /** Already checked in (a second scan, or the other door's workstation got there first). */
  already: z.boolean(),
  /** Came without an invitation. */
  walkIn: z.boolean(),
  /** An accepted guest waiting for a seat (or never invited): the door staff decide. */
  state: z.enum([...GUEST_STATES, 'walk_in']),
  counts: countsSchema,
});

const factsSchema = z.object({
  invited: z.number().int(),
  reached: z.number().int(),
  accepted: z.number().int(),
  attended: z.number().int(),
  walkIns: z.number().int(),
  newInformation: z.number().int(),
  followUps: z.number().int(),
  sales: z.number().int(),
  costFen: z.number().int().nullable(),
});
const figuresSchema = z.object({
  reachRate: z.number().nullable(),
  acceptRate: z.number().nullable(),
  attendRate: z.number().nullable(),
  noShows: z.number().int(),
  costPerAttendeeFen: z.number().int().nullable(),
  costPerSaleFen: z.number().int().nullable(),
});

/** One event's review (DOMAIN.md §6 总结回顾): what happened, and the rates and costs it gives. */
export const eventReviewRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(EVENT_TYPES),
  startsOn: z.string(),
  status: z.enum(EVENT_STATUSES),
  capacity: z.number().int(),
  /** The plan's total budget (or per head × capacity), beside the actual cost. */
  estimateFen: z.number().int().nullable(),
  facts: factsSchema,
  figures: figuresSchema,
});
export type EventReviewRow = z.infer<typeof eventReviewRowSchema>;

export const eventsReviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  events: z.array(eventReviewRowSchema),
  totals: z.object({ facts: factsSchema, figures: figuresSchema }),
});

export const eventsContract = {
  /** The branch's events, soonest first (upcoming: not yet held or reviewed, or today onward). */
  'events.list': method({
    input: z.object({ view: z.enum(['upcoming', 'past', 'all']).default('upcoming') }),
    output: z.array(eventSummarySchema),
    access: 'session',
    audit: false,
  }),
  'events.get': method({ input: z.object({ id }), output: eventDetailSchema, access: 'session', audit: false }),
  /** Plans a new event (`id` null) or changes an event's plan before it is held (the actual cost until reviewed). */
  'events.save': method({
    input: z.object({
      id: id.nullable().default(null),
      plan: eventPlanSchema,
      /** A practice event on demo clients (a training workstation): demo data itself, it never leaves the workstation. */
      practice: z.boolean().default(false),
    }),
    output: eventDetailSchema,
    access: EVENT_ROLES,
    audit: true,
  }),
  /** Moves an event on (open, close sign-up, held, reviewed, cancelled with a reason); refused with the state otherwise. */
  'events.step': method({
    input: z.object({
      id,
      expectedStatus: z.enum(EVENT_STATUSES),
      step: z.enum(stepNames),
      reason: optionalText(500),
    }),
    output: eventDetailSchema,
    access: EVENT_ROLES,
    audit: true,
  }),
  /** The live count for a segment (as the filters change), with who it leaves out and why. */
  'events.segmentCount': method({
    input: z.object({ eventId: id, segment: segmentSchema }),
    output: segmentCountSchema,
    access: EVENT_ROLES,
    audit: false,
  }),
  /** Adds the segment's eligible clients to the list (and keeps the segment on the plan). */
  'events.addSegment': method({
    input: z.object({ eventId: id, segment: segmentSchema }),
    output: z.object({ added: z.number().int(), counts: segmentCountSchema }),
    access: EVENT_ROLES,
    audit: true,
  }),
  /** Adds one client by hand; a do-not-disturb client or one without marketing consent needs a reason. */
  'events.addGuest': method({
    input: z.object({ eventId: id, clientId: id, reason: optionalText(200) }),
    output: guestSchema,
    access: EVENT_ROLES,
    audit: true,
  }),
  /** The list, a view at a time (by seat order for the accepted), with the counts. */
  'events.guests': method({
    input: z.object({
      eventId: id,
      view: z.enum(GUEST_VIEWS).default('all'),
      limit: z
        .number()
        .int()
        .min(1)
        .max(MAX_CAPACITY * 5)
        .default(MAX_CAPACITY),
    }),
    output: z.object({ guests: z.array(guestSchema), counts: countsSchema }),
    access: 'session',
    audit: false,
  }),
  /**
   * Records an invitation by a channel, with the guest's answer when they gave one on the spot, and logs it as a
   * contact in the client's timeline in the same write.
   */
  'events.invite': method({
    input: z.object({
      guestId: id,
      channel: z.enum(INVITATION_CHANNELS),
      answer: z.enum(['accepted', 'declined', 'no_answer']).nullable().default(null),
      note: optionalText(500),
    }),
    output: guestSchema,
    access: 'session',
    audit: true,
  }),
  /** Records a guest's answer (accepted, declined, no answer, withdrew) or takes them off the list. */
  'events.answer': method({
    input: z.object({ guestId: id, answer: z.enum(GUEST_ANSWERS), note: optionalText(500) }),
    output: guestSchema,
    access: 'session',
    audit: true,
  }),
  /** Records the call a notice asked for (told of a seat, of the waitlist, of a cancellation; followed up). */
  'events.told': method({
    input: z.object({ guestId: id, note: optionalText(500) }),
    output: guestSchema,
    access: 'session',
    audit: true,
  }),
  /** Calls owed to guests that fall to the signed-in member of staff (and, for managers, the unassigned ones). */
  'events.notices': method({ input: z.object({}), output: z.array(noticeSchema), access: 'session', audit: false }),
  /** The door's search: the event's guests by name, initials or phone tail, then the archive for walk-ins. */
  'events.checkinSearch': method({
    input: z.object({ eventId: id, query: z.string().trim().min(1).max(64) }),
    output: z.object({
      guests: z.array(guestSchema),
      archive: z.array(z.object({ clientId: z.string(), name: z.string(), tier: z.enum(TIERS), maskedMobile: z.string().nullable() })),
    }),
    access: 'session',
    audit: false,
  }),
  /** Checks a guest in (by the invitation's QR code or a pick), or a client from the archive as a walk-in. */
  'events.checkin': method({
    input: z.object({
      eventId: id,
      guestId: id.nullable().default(null),
      clientId: id.nullable().default(null),
      code: z.string().trim().max(200).nullable().default(null),
    }),
    output: checkinResultSchema,
    access: 'session',
    audit: true,
  }),
  /** A walk-in nobody has on file: created as a prospect at the branch and checked in. */
  'events.walkIn': method({
    input: z.object({
      eventId: id,
      name: required(40),
      mobile: z
        .string()
        .trim()
        .regex(/^1\d{10}$/, { message: 'validation.mobile' }),
      idNumber: optionalText(18),
    }),
    output: checkinResultSchema,
    access: 'session',
    audit: true,
  }),
  /** One event's review, whatever its state (the figures so far). */
  'events.reviewOne': method({ input: z.object({ id }), output: eventReviewRowSchema, access: 'session', audit: false }),
  /** The review across the events held in a period, with the totals (Reports → Events). */
  'events.review': method({ input: periodSchema, output: eventsReviewSchema, access: EVENT_ROLES, audit: false }),
  /** The period's review as CSV or XLSX: a job with progress, on the audit log like every export. */
  'events.export': method({
    input: periodSchema.extend({ jobId: jobIdSchema, format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: EVENT_ROLES,
    audit: true,
  }),
  /** The events a client is on the list of or came to, recent and coming (a contact can be recorded against one). */
  'events.forClient': method({
    input: z.object({ clientId: id }),
    output: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), status: z.enum(EVENT_STATUSES) })),
    access: 'session',
    audit: false,
  }),
};
