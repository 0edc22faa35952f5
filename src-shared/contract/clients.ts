import { z } from 'zod';
import { method } from './define';
import { LIFECYCLES } from '../domain/lifecycle';
import { TIERS } from '../domain/tier';
import { jobIdSchema } from './jobs';

// The tier and lifecycle names are the rules' own (one list each, in src-shared/domain).
export { LIFECYCLES, TIERS };

export const CONTACT_CHANNELS = ['counter', 'phone', 'visit', 'sms', 'wechat', 'email', 'letter', 'event'] as const;
export const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const PRODUCT_RISKS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
export const IMPORTANT_DATE_KINDS = [
  'birthday',
  'lunar_birthday',
  'child_milestone',
  'business_anniversary',
  'wedding_anniversary',
  'other',
] as const;

/** The client master fields an import can fill, in the order the mapping table shows them; three are required. */
export const IMPORT_FIELDS = [
  'clientNo',
  'name',
  'idType',
  'idNumber',
  'mobile',
  'gender',
  'birthDate',
  'kind',
  'nameEn',
  'province',
  'address',
  'occupation',
  'industry',
  'employer',
  'incomeBand',
  'manager',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['clientNo', 'name', 'idNumber'];

export function isImportField(name: string): name is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(name);
}

export const SEARCH_KINDS = ['name', 'pinyin', 'initials', 'mobile_tail', 'id_tail', 'client_no'] as const;

const clientId = z.string().min(1).max(64);

/** One row of a result list: what staff need to recognise the client at a glance, masked. */
export const clientSummarySchema = z.object({
  id: z.string(),
  clientNo: z.string(),
  name: z.string(),
  kind: z.enum(['individual', 'corporate']),
  tier: z.enum(TIERS),
  lifecycle: z.enum(LIFECYCLES),
  strategic: z.boolean(),
  maskedMobile: z.string().nullable(),
  maskedId: z.string(),
  managerName: z.string().nullable(),
  riskLevel: z.string().nullable(),
  riskExpired: z.boolean(),
});
export type ClientSummary = z.infer<typeof clientSummarySchema>;

export const contactSchema = z.object({
  id: z.string(),
  at: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  staffName: z.string().nullable(),
  content: z.string(),
  result: z.string().nullable(),
  followUpProduct: z.string().nullable(),
  followUpDue: z.string().nullable(),
  correctsId: z.string().nullable(),
  flags: z.array(z.string()),
});

/**
 * Where a page of the timeline ends: its oldest entry's time and id. The timeline is newest first by time, then id
 * (two contacts in one millisecond keep a fixed order), so the next page starts strictly after this pair.
 */
export const timelineCursorSchema = z.object({ at: z.string().min(1).max(40), id: z.string().min(1).max(64) });
export type TimelineCursor = z.infer<typeof timelineCursorSchema>;

/** The newest contacts a page of the timeline (and the profile's first page) holds. */
export const TIMELINE_PAGE = 200;

export const clientProfileSchema = z.object({
  summary: clientSummarySchema,
  identity: z.object({
    nameEn: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    birthDate: z.string().nullable(),
    age: z.number().int().nullable(),
    elderly: z.boolean(),
    idType: z.string(),
    idExpiry: z.string().nullable(),
    province: z.string().nullable(),
    address: z.string().nullable(),
    occupation: z.string().nullable(),
    industry: z.string().nullable(),
    employer: z.string().nullable(),
    incomeBand: z.string().nullable(),
  }),
  preferences: z.object({
    financialGoals: z.string().nullable(),
    interests: z.array(z.string()),
    preferredChannel: z.string().nullable(),
    preferredHours: z.string().nullable(),
    doNotDisturb: z.boolean(),
    marketingConsent: z.boolean(),
  }),
  strategicReason: z.string().nullable(),
  riskAssessedOn: z.string().nullable(),
  riskExpiresOn: z.string().nullable(),
  latestAssetsFen: z.number().int(),
  monthlyAssets: z.array(z.object({ month: z.string(), avgDailyFen: z.number().int() })),
  holdings: z.array(
    z.object({
      id: z.string(),
      productCode: z.string(),
      productName: z.string(),
      productRisk: z.string(),
      purchaseDate: z.string(),
      amountFen: z.number().int(),
      price: z.string().nullable(),
      currentPrice: z.string().nullable(),
      expectedReturn: z.string().nullable(),
      takeProfit: z.string().nullable(),
      stopLoss: z.string().nullable(),
    }),
  ),
  deposits: z.array(
    z.object({ id: z.string(), amountFen: z.number().int(), rate: z.string(), startDate: z.string(), maturityDate: z.string() }),
  ),
  points: z.object({
    balance: z.number().int(),
    entries: z.array(z.object({ at: z.string(), kind: z.string(), points: z.number().int(), reason: z.string() })),
  }),
  referrals: z.array(
    z.object({
      at: z.string(),
      direction: z.enum(['referred', 'referred_by']),
      otherId: z.string(),
      otherName: z.string(),
      pointsEach: z.number().int(),
    }),
  ),
  importantDates: z.array(
    z.object({ id: z.string(), kind: z.enum(IMPORTANT_DATE_KINDS), date: z.string(), lunar: z.boolean(), label: z.string().nullable() }),
  ),
  /** The newest contacts, one page of them; older ones page in through `clients.timeline`. */
  timeline: z.array(contactSchema),
  /** Where older entries start, or null when `timeline` holds them all. */
  timelineCursor: timelineCursorSchema.nullable(),
});
export type ClientProfile = z.infer<typeof clientProfileSchema>;

export const importReportSchema = z.object({
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.number().int()),
  rows: z.number().int(),
  imported: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), key: z.string(), value: z.string() })),
  preview: z.array(
    z.object({ row: z.number().int(), clientNo: z.string(), name: z.string(), maskedId: z.string(), maskedMobile: z.string().nullable() }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The client list's filters (issue 3); the same filters drive the export. */
export const clientFiltersSchema = z.object({
  tier: z.enum(TIERS).optional(),
  lifecycle: z.enum(LIFECYCLES).optional(),
  managerId: z.string().max(64).optional(),
  tag: z.string().trim().min(1).max(32).optional(),
  riskExpired: z.boolean().optional(),
  /** Has (true) or has no (false) reminder past its due date that is not done, dismissed or snoozed. */
  overdueReminder: z.boolean().optional(),
  /** Moved tier up or down in a month (a report's figure opens this list). */
  tierMove: z
    .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' }), direction: z.enum(['up', 'down']) })
    .optional(),
  /** Contacted within the tier's cadence (true) or not (false): the coverage figures. */
  covered: z.boolean().optional(),
  /** Whose business with the branch began in these days (the new clients of a report's period). */
  firstBusiness: z
    .object({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' }),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' }),
    })
    .optional(),
});
export type ClientFilters = z.infer<typeof clientFiltersSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

/** A product recommended or sold during the contact: the suitability rules of DOMAIN.md §4 apply. */
export const recommendationSchema = z.object({
  productName: z.string().trim().min(1, { message: 'validation.required' }).max(100),
  productRisk: z.enum(PRODUCT_RISKS),
  /** A wealth-product sale (not only advice): it should carry the dual-recording (双录) reference. */
  isSale: z.boolean(),
  dualRecordingRef: z.string().trim().max(64).nullable().default(null),
  /** The client confirmed, on record, buying above their assessed level. */
  clientConfirmedAboveLevel: z.boolean().default(false),
  /** The extra warning for elderly clients was read out and confirmed (这款产品不保证收益，您是否了解？). */
  elderlyWarningConfirmed: z.boolean().default(false),
});

export const logContactInput = z.object({
  clientId: clientId,
  channel: z.enum(CONTACT_CHANNELS),
  content: z.string().trim().min(1, { message: 'validation.required' }).max(2000),
  result: z.string().trim().max(500).nullable().default(null),
  followUp: z
    .object({ product: z.string().trim().min(1, { message: 'validation.required' }).max(100), due: isoDate })
    .nullable()
    .default(null),
  /** A correction is a new entry pointing at the one it corrects: the log is append-only. */
  correctsId: z.string().max(64).nullable().default(null),
  recommendation: recommendationSchema.nullable().default(null),
  /** The reminder this contact does (DOMAIN.md §3): recorded as done with this contact, in the same transaction. */
  reminderKey: z.string().min(1).max(200).nullable().default(null),
  /** The event this contact was made for (a sale or a follow-up at a salon the client attended): its review counts it. */
  eventId: z.string().min(1).max(64).nullable().default(null),
});

/** The branch's own enrichments of a profile (DOMAIN.md §1): merged field by field with head office's data. */
export const profileChangesSchema = z
  .object({
    financialGoals: z.string().trim().max(1000).nullable(),
    interests: z.array(z.string().trim().min(1).max(32)).max(30),
    preferredChannel: z.enum(CONTACT_CHANNELS).nullable(),
    preferredHours: z.string().trim().max(64).nullable(),
    doNotDisturb: z.boolean(),
    marketingConsent: z.boolean(),
    occupation: z.string().trim().max(64).nullable(),
    employer: z.string().trim().max(100).nullable(),
    address: z.string().trim().max(200).nullable(),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, { message: 'validation.nothing_to_change' });

export const clientsContract = {
  'clients.search': method({
    input: z.object({
      q: z.string().trim().min(1, { message: 'validation.required' }).max(64),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    output: z.object({ kind: z.enum(SEARCH_KINDS).nullable(), results: z.array(clientSummarySchema) }),
    access: 'session',
    audit: false,
  }),
  'clients.profile': method({ input: z.object({ id: clientId }), output: clientProfileSchema, access: 'session', audit: false }),
  /**
   * A page of the contact timeline, newest first, keyset-paged: `before` is the previous page's `nextCursor`
   * (null for the newest page); `nextCursor` is null on the last page.
   */
  'clients.timeline': method({
    input: z.object({
      clientId,
      before: timelineCursorSchema.nullable().default(null),
      limit: z.number().int().min(1).max(500).default(TIMELINE_PAGE),
    }),
    output: z.object({ entries: z.array(contactSchema), nextCursor: timelineCursorSchema.nullable() }),
    access: 'session',
    audit: false,
  }),
  /**
   * Logs a contact (append-only). Refused with VALIDATION when a note promises guaranteed principal or return
   * (errors.contacts.guarantee_promise) or a recommendation breaks the suitability rules
   * (errors.suitability.<refusal>, every refusal also in `issues` under `recommendation`).
   */
  'clients.logContact': method({ input: logContactInput, output: contactSchema, access: 'session', audit: true }),
  /**
   * Imports client master data from a CSV or XLSX file (base64). `dryRun` checks every row and writes nothing (the
   * preview); otherwise good rows go in one transaction and bad rows are reported. Progress arrives as
   * `job.progress` events for `jobId`; `jobs.cancel` stops it and keeps nothing.
   */
  'clients.import': method({
    input: z.object({
      jobId: jobIdSchema,
      fileName: z.string().trim().min(1).max(255),
      contentBase64: z
        .string()
        .min(1)
        .max(64 * 1024 * 1024, { message: 'validation.file_too_large' }),
      mapping: z.record(z.string(), z.number().int().min(0)).optional(),
      dryRun: z.boolean(),
    }),
    output: importReportSchema,
    access: ['manager', 'admin'],
    audit: true,
  }),
  /** A page of the filtered list in client-number order; `after` is the last client number of the previous page. */
  'clients.list': method({
    input: z.object({
      filters: clientFiltersSchema.default({}),
      after: z.string().max(32).nullable().default(null),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(clientSummarySchema), nextCursor: z.string().nullable() }),
    access: 'session',
    audit: false,
  }),
  /** The filtered list as CSV or XLSX, masked like the screen; a long job with progress and cancel. */
  'clients.export': method({
    input: z.object({ jobId: jobIdSchema, format: z.enum(['csv', 'xlsx']), filters: clientFiltersSchema.default({}) }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: ['manager', 'admin', 'counter'],
    audit: true,
  }),
  'clients.updateProfile': method({
    input: z.object({ id: clientId, changes: profileChangesSchema }),
    output: z.object({ updated: z.array(z.string()) }),
    access: 'session',
    audit: true,
  }),
  'clients.addImportantDate': method({
    input: z.object({
      clientId,
      kind: z.enum(IMPORTANT_DATE_KINDS),
      date: isoDate,
      lunar: z.boolean().default(false),
      label: z.string().trim().max(100).nullable().default(null),
    }),
    output: z.object({ id: z.string() }),
    access: 'session',
    audit: true,
  }),
  'clients.removeImportantDate': method({ input: z.object({ id: clientId }), output: z.object({}), access: 'session', audit: true }),
  /** 001: a manager pins a strategic client, with the reason (assets, frequency, contribution). */
  'clients.pinStrategic': method({
    input: z
      .object({ id: clientId, strategic: z.boolean(), reason: z.string().trim().max(200).nullable().default(null) })
      .refine((v) => !v.strategic || (v.reason ?? '').length >= 4, {
        message: 'validation.reason_required',
        path: ['reason'],
      }),
    output: z.object({}),
    access: ['manager'],
    audit: true,
  }),
  /**
   * A risk assessment (风险测评) taken with the client: its level C1–C5 and the day. DOMAIN.md §4: the first one is
   * done face to face at a branch, and one older than the validity setting blocks any recommendation until renewed.
   */
  'clients.recordAssessment': method({
    input: z.object({ clientId, level: z.enum(RISK_LEVELS), assessedOn: isoDate, faceToFace: z.boolean() }),
    output: z.object({ id: z.string() }),
    access: 'session',
    audit: true,
  }),
  /** 002: both sides of a referral earn loyalty points (default 5,000 each) — never cash. */
  'clients.addReferral': method({
    input: z.object({ referrerId: clientId, refereeId: clientId }),
    output: z.object({ id: z.string(), pointsEach: z.number().int() }),
    access: 'session',
    audit: true,
  }),
  /**
   * Seeing a full ID number or mobile is asked for with a reason and audited (DOMAIN.md §1). Who may is its own
   * permission: the roles the `revealRoles` setting names (checked in main; the screen offers it only to them).
   */
  'clients.reveal': method({
    input: z.object({
      id: clientId,
      field: z.enum(['id_number', 'mobile']),
      reason: z.string().trim().min(4, { message: 'validation.reason_required' }).max(200),
    }),
    output: z.object({ value: z.string() }),
    access: 'session',
    audit: true,
  }),
};
