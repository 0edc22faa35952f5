import { ATTACHMENT_MB } from '../domain/attachments';
import { z } from 'zod';
import { DEFAULT_LIFECYCLE_POLICY } from '../domain/lifecycle';
import { FESTIVAL_CODES, type Festival } from '../domain/occasions';
import { idMaskPatternSchema, DEFAULT_ID_MASK } from '../domain/masking';
import { DEFAULT_REFERRAL_POLICY } from '../domain/points';
import { DEFAULT_REMINDER_POLICY } from '../domain/reminders';
import { DEFAULT_SUITABILITY_POLICY } from '../domain/suitability';
import { DEFAULT_TIER_POLICY } from '../domain/tier';
import { jobIdSchema } from './jobs';
import { method, ROLES } from './define';

/** Every number here is a default an administrator can change (DOMAIN.md). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A whole number within bounds, one message key for "not a whole number" and "out of range" alike. */
function wholeNumber(min: number, max: number, message: string) {
  return z.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

/** Money settings are integer fen (the renderer shows and takes yuan). */
const YUAN = 100;

export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1, { message: 'validation.idle_range' }).max(240, { message: 'validation.idle_range' }),
  maxFailedSignIns: z.number().int().min(3).max(20),
  signInLockoutMinutes: z.number().int().min(1).max(1440),
  /** How ID numbers are masked on screen and in exports (DOMAIN.md §1; seed 002 hides the last 6). */
  idMask: idMaskPatternSchema,
  /** The workstation's zone: what "today" means for birthdays, deadlines and expiries. */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'validation.time_zone' }),
  /** Age from which the extra risk warning is required (DOMAIN.md §4). */
  elderlyMinAge: z.number().int().min(50).max(90),

  // Tiers (DOMAIN.md §2; seed 002). Settings is itself a TierPolicy: the rules take it as it is.
  /** VIP from this latest-month average daily balance, integer fen, inclusive: ¥10,000 to ¥100,000,000. */
  vipMinAvgDailyFen: wholeNumber(10_000 * YUAN, 100_000_000 * YUAN, 'validation.settings.vip_min'),
  /** Potential from this growth over the look-back, in whole percent: 1 to 1,000. */
  potentialMinGrowthPercent: wholeNumber(1, 1_000, 'validation.settings.growth_percent'),
  /** Head office sends twelve months of balances, so the look-back reaches at most eleven months back. */
  potentialLookbackMonths: wholeNumber(1, 11, 'validation.settings.lookback_months'),

  // Lifecycle (DOMAIN.md §2; seed 000). Settings is itself a LifecyclePolicy.
  newClientMonths: wholeNumber(1, 60, 'validation.settings.months_60'),
  churnInactiveMonths: wholeNumber(1, 60, 'validation.settings.months_60'),
  /** Churned below this, integer fen, exclusive: ¥0 (assets never count) to ¥10,000,000. */
  churnAssetsBelowFen: wholeNumber(0, 10_000_000 * YUAN, 'validation.settings.churn_assets'),

  // Compliance when advising (DOMAIN.md §4). Settings is itself a SuitabilityPolicy (with elderlyMinAge above).
  /** A risk assessment is valid this many months; 002 renews yearly, and a shorter period is the safe side. */
  assessmentValidMonths: wholeNumber(1, 24, 'validation.settings.assessment_months'),
  /** Whether a product above the client's level may be recorded with the client's explicit confirmation. */
  allowAboveLevelWithConfirmation: z.boolean(),

  /** Loyalty points each side of a referral earns (002: 5,000 each); points only, never cash. */
  referralPointsEach: wholeNumber(1, 1_000_000, 'validation.settings.referral_points'),
  /** A term deposit maturing within this many days is a reason to call the client (003; DOMAIN.md §3). */
  depositMaturityNoticeDays: wholeNumber(1, 90, 'validation.settings.maturity_days'),

  // Reminders (DOMAIN.md §3; seed 002 沟通频率). Settings is itself a ReminderPolicy.
  /** Contact cadence per tier, in days: VIP a deep contact, potential a needs survey, ordinary a service reminder. */
  vipDeepContactDays: wholeNumber(7, 366, 'validation.settings.cadence_days'),
  potentialSurveyDays: wholeNumber(7, 366, 'validation.settings.cadence_days'),
  ordinaryServiceDays: wholeNumber(7, 366, 'validation.settings.cadence_days'),
  /** A birthday shows this many days ahead (0: on the day). */
  birthdayNoticeDays: wholeNumber(0, 60, 'validation.settings.birthday_days'),
  /** An ID document expiring within this many days. */
  idExpiryNoticeDays: wholeNumber(1, 365, 'validation.settings.id_expiry_days'),
  /** 002: a transfer out of at least this much (integer fen) → contact within 24 hours; ¥10,000 to ¥100,000,000. */
  largeOutflowMinFen: wholeNumber(10_000 * YUAN, 100_000_000 * YUAN, 'validation.settings.large_outflow'),
  /** How long a dated occasion (birthday, maturity, outflow) stays overdue before it lapses. */
  occasionGraceDays: wholeNumber(1, 90, 'validation.settings.grace_days'),
  /** The quarterly satisfaction questionnaire goes to one ordinary client in this many (DOMAIN.md §7; 0: none). */
  quarterlySurveyOneIn: wholeNumber(0, 1000, 'validation.settings.quarterly_one_in'),
  /** The festivals VIP clients are greeted on (DOMAIN.md §3). */
  festivals: z.array(z.enum(FESTIVAL_CODES as [Festival, ...Festival[]])).max(FESTIVAL_CODES.length),
  /** A month's average daily assets down by more than this share (%) on the month before is a call (004). */
  assetDropPercent: wholeNumber(5, 95, 'validation.settings.asset_drop_percent'),
  /** A cadence item overdue longer than this folds into one line per client at the end of the worklist. */
  longOverdueDays: wholeNumber(30, 730, 'validation.settings.long_overdue_days'),

  /** A complaint this many days or fewer from its decision deadline stands out (DOMAIN.md §5). */
  complaintNearDays: wholeNumber(0, 14, 'validation.settings.complaint_near_days'),
  /** The largest file attached to a complaint, in megabytes. */
  attachmentMaxMb: wholeNumber(ATTACHMENT_MB.min, ATTACHMENT_MB.max, 'validation.settings.attachment_mb'),

  /** Pulled changes waiting this long for their client are listed on the Sync page, where an administrator may discard them. */
  parkedReviewDays: wholeNumber(1, 365, 'validation.settings.parked_days'),

  // Security (issue 9; OWASP session guidance, DOMAIN.md §1 masking).
  /** A session ends this many hours after sign-in, however active (then: sign in again). */
  sessionMaxHours: wholeNumber(1, 24, 'validation.settings.session_hours'),
  /** Who may reveal a full ID number or mobile (with a reason, audited): its own permission. */
  revealRoles: z.array(z.enum(ROLES)).min(1, { message: 'validation.settings.reveal_roles' }).max(ROLES.length),
  /** More ID- or mobile-tail searches than this by one person within ten minutes lock their session (audited). */
  tailSearchLimit: wholeNumber(5, 500, 'validation.settings.tail_limit'),
  /** A bank's private certificate authority for the hub's HTTPS (PEM), trusted besides the system's. */
  hubCaPem: z
    .string()
    .trim()
    .max(50_000)
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, { message: 'validation.settings.ca_pem' })
    .nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  idleLockMinutes: 10,
  maxFailedSignIns: 5,
  signInLockoutMinutes: 5,
  idMask: DEFAULT_ID_MASK,
  timeZone: 'Asia/Shanghai',
  elderlyMinAge: DEFAULT_SUITABILITY_POLICY.elderlyMinAge,
  vipMinAvgDailyFen: DEFAULT_TIER_POLICY.vipMinAvgDailyFen,
  potentialMinGrowthPercent: DEFAULT_TIER_POLICY.potentialMinGrowthPercent,
  potentialLookbackMonths: DEFAULT_TIER_POLICY.potentialLookbackMonths,
  newClientMonths: DEFAULT_LIFECYCLE_POLICY.newClientMonths,
  churnInactiveMonths: DEFAULT_LIFECYCLE_POLICY.churnInactiveMonths,
  churnAssetsBelowFen: DEFAULT_LIFECYCLE_POLICY.churnAssetsBelowFen,
  assessmentValidMonths: DEFAULT_SUITABILITY_POLICY.assessmentValidMonths,
  allowAboveLevelWithConfirmation: DEFAULT_SUITABILITY_POLICY.allowAboveLevelWithConfirmation,
  referralPointsEach: DEFAULT_REFERRAL_POLICY.pointsEach,
  depositMaturityNoticeDays: DEFAULT_REMINDER_POLICY.depositMaturityNoticeDays,
  vipDeepContactDays: DEFAULT_REMINDER_POLICY.vipDeepContactDays,
  potentialSurveyDays: DEFAULT_REMINDER_POLICY.potentialSurveyDays,
  ordinaryServiceDays: DEFAULT_REMINDER_POLICY.ordinaryServiceDays,
  birthdayNoticeDays: DEFAULT_REMINDER_POLICY.birthdayNoticeDays,
  idExpiryNoticeDays: DEFAULT_REMINDER_POLICY.idExpiryNoticeDays,
  largeOutflowMinFen: DEFAULT_REMINDER_POLICY.largeOutflowMinFen,
  occasionGraceDays: DEFAULT_REMINDER_POLICY.occasionGraceDays,
  quarterlySurveyOneIn: DEFAULT_REMINDER_POLICY.quarterlySurveyOneIn,
  festivals: [...DEFAULT_REMINDER_POLICY.festivals],
  assetDropPercent: DEFAULT_REMINDER_POLICY.assetDropPercent,
  longOverdueDays: 90,
  complaintNearDays: 3,
  attachmentMaxMb: ATTACHMENT_MB.default,
  parkedReviewDays: 30,
  sessionMaxHours: 12,
  // Event coordinators never need a full ID or mobile; the counter, complaints and managers do (挂失, callbacks).
  revealRoles: ['counter', 'complaints', 'manager', 'admin'],
  tailSearchLimit: 30,
  hubCaPem: null,
};

/** The settings a client's tier is computed from: changing one re-tiers the archive. */
export const TIER_SETTINGS = ['vipMinAvgDailyFen', 'potentialMinGrowthPercent', 'potentialLookbackMonths'] as const;
/** The settings a client's lifecycle stage is computed from: changing one restages the archive. */
export const LIFECYCLE_SETTINGS = ['newClientMonths', 'churnInactiveMonths', 'churnAssetsBelowFen'] as const;
/** The settings reminders are computed from: changing one recomputes every client's due reminders. */
export const REMINDER_SETTINGS = [
  'vipDeepContactDays',
  'potentialSurveyDays',
  'ordinaryServiceDays',
  'depositMaturityNoticeDays',
  'assessmentValidMonths',
  'birthdayNoticeDays',
  'idExpiryNoticeDays',
  'largeOutflowMinFen',
  'occasionGraceDays',
  'quarterlySurveyOneIn',
  'festivals',
  'assetDropPercent',
  'timeZone',
] as const;

export const settingsContract = {
  'settings.get': method({ input: z.object({}), output: settingsSchema, access: 'session', audit: false }),
  /**
   * Changes some settings. A change to a tier or lifecycle threshold recomputes every client's tier and stage in
   * the same transaction (a long job at 200,000 clients: progress as `job.progress` events for `jobId` when one
   * is given, and `jobs.cancel` keeps the old settings and tiers).
   */
  'settings.update': method({
    input: settingsSchema.partial().extend({ jobId: jobIdSchema.optional() }),
    output: settingsSchema,
    access: ['admin'],
    audit: true,
  }),
};
