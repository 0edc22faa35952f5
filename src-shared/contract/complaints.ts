import { z } from 'zod';
import {
  COMPLAINANT_KINDS,
  COMPLAINT_CHANNELS,
  COMPLAINT_EVENT_KINDS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_HANDLER_ROLES,
  COMPLAINT_STATUSES,
  ESCALATION_LEVELS,
  EXTENSIONS,
  MAX_REPRESENTATIVES,
} from '../domain/complaints';
import { ATTACHMENT_MB, ATTACHMENT_TYPES } from '../domain/attachments';
import { method } from './define';
import { periodSchema } from './period';
import { jobIdSchema } from './jobs';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });
const required = (max: number) => z.string().trim().min(1, { message: 'validation.required' }).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
const id = z.string().min(1).max(64);
const categoryCode = z.string().trim().min(1, { message: 'validation.required' }).max(40);

export const representativeSchema = z.object({ name: required(40), contact: required(64) });

/**
 * A complaint as taken at intake (DOMAIN.md §5). Who complains decides what else is needed: a client is picked with
 * the counter search; an agent brings a signed authority; a group names one to five representatives; an anonymous
 * complainant (or one not yet a client) leaves a name and a way to reach them.
 */
export const complaintIntakeSchema = z
  .object({
    complainantKind: z.enum(COMPLAINANT_KINDS),
    clientId: id.nullable().default(null),
    complainantName: optionalText(40),
    complainantContact: optionalText(64),
    authorityRef: optionalText(64),
    representatives: z
      .array(representativeSchema)
      .max(MAX_REPRESENTATIVES, { message: 'validation.complaints.representatives' })
      .default([]),
    channel: z.enum(COMPLAINT_CHANNELS),
    businessLine: categoryCode,
    cause: categoryCode,
    description: required(4000),
    request: optionalText(2000),
    /** Integer fen; null when nothing is in dispute. */
    amountFen: z.number().int().min(0).max(1e13).nullable().default(null),
    severity: z.enum(COMPLAINT_SEVERITIES),
    staffInvolved: z.array(id).max(20).default([]),
    /** When it was received; now when not given (a letter opened today, a call taken now). */
    receivedAt: z.iso.datetime({ offset: true }).nullable().default(null),
    regulatorRef: optionalText(64),
    regulatorDue: isoDate.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    const need = (path: string, ok: boolean) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message: 'validation.required' });
    };
    if (c.complainantKind === 'client' || c.complainantKind === 'agent' || c.complainantKind === 'heir')
      need('clientId', c.clientId !== null);
    if (c.complainantKind !== 'client') {
      need('complainantName', c.complainantName !== null && c.complainantName !== '');
      need('complainantContact', c.complainantContact !== null && c.complainantContact !== '');
    }
    if (c.complainantKind === 'agent') need('authorityRef', c.authorityRef !== null && c.authorityRef !== '');
    if (c.complainantKind === 'group' && c.representatives.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['representatives'], message: 'validation.complaints.representatives' });
    }
    // A regulator's referral carries its reference and the regulator's own deadline (监管转办).
    if (c.channel === 'regulator') {
      need('regulatorRef', c.regulatorRef !== null && c.regulatorRef !== '');
      need('regulatorDue', c.regulatorDue !== null);
    }
  });
export type ComplaintIntake = z.output<typeof complaintIntakeSchema>;

/** Approval by a manager at the officer's side (授权): their login and password, checked, never stored. */
const approvalSchema = z.object({ login: required(32), password: z.string().min(1, { message: 'validation.required' }).max(200) });

/** One step on a case; `expectedStatus` is the state the screen showed, so a step on a case that moved on is refused. */
export const complaintStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), note: optionalText(2000) }),
  z.object({ kind: z.literal('assigned'), officerId: id, note: optionalText(2000) }),
  z.object({ kind: z.literal('investigating'), note: optionalText(2000) }),
  z.object({ kind: z.literal('escalated'), level: z.enum(ESCALATION_LEVELS), note: required(2000) }),
  z.object({
    kind: z.literal('extended'),
    extension: z.enum(Object.keys(EXTENSIONS).filter((k) => k !== 'none') as ['complex', 'especially_complex']),
    reason: required(2000),
    complainantToldAt: z.iso.datetime({ offset: true }),
    approval: approvalSchema.nullable().default(null),
  }),
  z.object({
    kind: z.literal('decided'),
    outcome: z.enum(COMPLAINT_OUTCOMES),
    remedy: optionalText(2000),
    compensationFen: z.number().int().min(0).max(1e13).nullable().default(null),
    /** The reasons as told to the complainant. */
    reasons: required(4000),
    /** 溯源整改: what caused it, and what the branch changes so it does not happen again. */
    rootCause: required(2000),
    fix: required(2000),
    complainantToldAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ kind: z.literal('review_requested'), note: required(2000) }),
  z.object({
    kind: z.literal('closed'),
    /** The complainant's satisfaction with the handling, 1–5 (taken from the after-complaint survey when one is given). */
    satisfaction: z.number().int().min(1).max(5).nullable(),
    /** The after-complaint survey the complainant answered at closing (surveys.submit with this case), if any. */
    surveyId: id.nullable().default(null),
    note: optionalText(2000),
  }),
  z.object({ kind: z.literal('withdrawn'), note: required(2000) }),
  z.object({ kind: z.literal('reopened'), note: required(2000) }),
  z.object({ kind: z.literal('note'), note: required(4000) }),
  z.object({ kind: z.literal('correction'), correctsId: id, note: required(4000) }),
]);
export type ComplaintStep = z.output<typeof complaintStepSchema>;

export const complaintEventSchema = z.object({
  id: z.string(),
  kind: z.enum(COMPLAINT_EVENT_KINDS),
  at: z.string(),
  staffName: z.string().nullable(),
  fromStatus: z.enum(COMPLAINT_STATUSES),
  /** What the step carried (officer, extension, outcome, remedy, reasons …), as recorded. */
  data: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  correctsId: z.string().nullable(),
  /** Taken offline from a state another workstation had already left: kept, not applied. */
  conflict: z.boolean(),
});

/** A file on a case, without its content. `complete`: every chunk is here (a sync may still be bringing some). */
export const complaintAttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  sizeBytes: z.number().int(),
  at: z.string(),
  staffName: z.string().nullable(),
  note: z.string().nullable(),
  complete: z.boolean(),
});
export type ComplaintAttachment = z.infer<typeof complaintAttachmentSchema>;

/** A file's content as base64 (at most ATTACHMENT_MB.max megabytes: the setting's upper bound). */
const base64Content = z
  .string()
  .min(1, { message: 'validation.required' })
  .max(Math.ceil((ATTACHMENT_MB.max * 1024 * 1024) / 3) * 4, { message: 'validation.complaints.attachment_too_large' })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'validation.complaints.attachment_encoding' });

export const complaintSummarySchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  channel: z.enum(COMPLAINT_CHANNELS),
  businessLine: z.string(),
  cause: z.string(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  /** The complainant as staff may see them: a client's masked name, or the name given. */
  complainant: z.string(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  deadline: z.enum(['overdue', 'near', 'ok']).nullable(),
  officerName: z.string().nullable(),
  conflicts: z.boolean(),
});
export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;

export const complaintCaseSchema = complaintSummarySchema.extend({
  /** Null for staff who may see only the status (the counter clerk who took it). */
  content: z
    .object({
      clientId: z.string().nullable(),
      complainantKind: z.enum(COMPLAINANT_KINDS),
      complainantContact: z.string().nullable(),
      authorityRef: z.string().nullable(),
      representatives: z.array(representativeSchema),
      description: z.string(),
      request: z.string().nullable(),
      amountFen: z.number().int().nullable(),
      staffInvolved: z.array(z.object({ id: z.string(), name: z.string() })),
      receivedAt: z.string(),
      regulatorRef: z.string().nullable(),
      regulatorDue: z.string().nullable(),
      takenByName: z.string().nullable(),
      extension: z.enum(Object.keys(EXTENSIONS) as ['none', 'complex', 'especially_complex']),
      outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
      escalatedTo: z.enum(ESCALATION_LEVELS).nullable(),
      officerId: z.string().nullable(),
      events: z.array(complaintEventSchema),
      attachments: z.array(complaintAttachmentSchema),
      /** The steps this member of staff may take now. */
      steps: z.array(z.enum(COMPLAINT_EVENT_KINDS)),
    })
    .nullable(),
});
export type ComplaintCase = z.infer<typeof complaintCaseSchema>;

export const complaintCategorySchema = z.object({
  kind: z.enum(['business_line', 'cause']),
  code: z.string(),
  labels: z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() }),
  retired: z.boolean(),
});

export const complaintsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Every month the period touches, oldest first. */
  months: z.array(z.string()),
  /** Cases received, by business line, cause and channel, per month (codes; the screen names them). */
  counts: z.array(
    z.object({ dimension: z.enum(['business_line', 'cause', 'channel']), key: z.string(), month: z.string(), count: z.number().int() }),
  ),
  received: z.number().int(),
  /** Decided in the period, and how many by their deadline. */
  decided: z.number().int(),
  decidedInTime: z.number().int(),
  inTimeShare: z.number().nullable(),
  averageDaysToDecision: z.number().nullable(),
  /** Today, whatever the period. */
  open: z.number().int(),
  overdue: z.number().int(),
  /** Complainants with two or more cases in the twelve months from this day to the period's end, masked. */
  repeatFrom: z.string(),
  repeatComplainants: z.array(z.object({ complainant: z.string(), cases: z.number().int(), caseNos: z.array(z.string()) })),
});
export type ComplaintsReport = z.infer<typeof complaintsReportSchema>;

export const COMPLAINT_LIST_VIEWS = ['open', 'overdue', 'near', 'mine', 'taken_by_me', 'closed', 'all'] as const;

export const complaintsContract = {
  /** Head office's business lines and causes, in their order (retired ones still name old cases). */
  'complaints.categories': method({ input: z.object({}), output: z.array(complaintCategorySchema), access: 'session', audit: false }),
  /** The branch's active staff, to name in a complaint or (officers and managers) to assign a case to. */
  'complaints.staff': method({
    input: z.object({}),
    output: z.array(z.object({ id: z.string(), name: z.string(), handles: z.boolean() })),
    access: 'session',
    audit: false,
  }),
  /** Any signed-in member of staff takes a complaint: it gets its case number and its clock starts. */
  'complaints.create': method({
    input: complaintIntakeSchema,
    output: z.object({ id: z.string(), caseNo: z.string(), receivedOn: z.string(), dueOn: z.string() }),
    access: 'session',
    audit: true,
  }),
  /** A page of cases, soonest due first. Counter staff see only the cases they took. */
  'complaints.list': method({
    input: z.object({
      view: z.enum(COMPLAINT_LIST_VIEWS).default('open'),
      after: z.object({ dueOn: z.string(), id: z.string() }).nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ cases: z.array(complaintSummarySchema), next: z.object({ dueOn: z.string(), id: z.string() }).nullable() }),
    access: 'session',
    audit: false,
  }),
  /** One case with its whole history, for complaint officers and managers; its status only, for whoever took it. */
  'complaints.get': method({ input: z.object({ id }), output: complaintCaseSchema, access: 'session', audit: true }),
  /**
   * Attaches a scan, letter or photo to a case: complaint officers and managers, or whoever took it while it is
   * still waiting to be accepted. The content says what the file is; the size limit is a setting.
   */
  'complaints.attach': method({
    input: z.object({ id, fileName: z.string().trim().min(1).max(255), contentBase64: base64Content, note: optionalText(500) }),
    output: complaintAttachmentSchema,
    access: 'session',
    audit: true,
  }),
  /** One file's content, for complaint officers and managers (reading it is reading personal data: audited). */
  'complaints.attachment': method({
    input: z.object({ id }),
    output: z.object({ fileName: z.string(), contentType: z.enum(ATTACHMENT_TYPES), contentBase64: z.string() }),
    access: COMPLAINT_HANDLER_ROLES,
    audit: true,
  }),
  /**
   * Open cases past or near their deadline, soonest first (at most 50, with the full counts): a complaint officer's
   * own and the unassigned ones, or the whole branch's for a manager. The worklist and the alerts read it.
   */
  'complaints.deadlines': method({
    input: z.object({}),
    output: z.object({ overdue: z.number().int(), near: z.number().int(), cases: z.array(complaintSummarySchema) }),
    access: COMPLAINT_HANDLER_ROLES,
    audit: false,
  }),
  /** The complaints report for a period, for complaint officers and managers. */
  'complaints.report': method({ input: periodSchema, output: complaintsReportSchema, access: COMPLAINT_HANDLER_ROLES, audit: false }),
  /**
   * The register (one masked line per case received in the period, the README's columns) or the report, as CSV or
   * XLSX. A long job with progress; exports leave the workstation, so each is on the audit log.
   */
  'complaints.export': method({
    input: periodSchema.extend({ jobId: jobIdSchema, what: z.enum(['register', 'report']), format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: COMPLAINT_HANDLER_ROLES,
    audit: true,
  }),
  /** Takes one step on a case; refused with the reason when the workflow, 回避 or the extension rules forbid it. */
  'complaints.step': method({
    input: z.object({ id, expectedStatus: z.enum(COMPLAINT_STATUSES), step: complaintStepSchema }),
    output: complaintCaseSchema,
    access: COMPLAINT_HANDLER_ROLES,
    audit: true,
  }),
};
