import { z } from 'zod';
import { LIFECYCLES } from '../domain/lifecycle';
import { TIERS } from '../domain/tier';
import { method } from './define';
import { jobIdSchema } from './jobs';
import { periodSchema } from './period';

const tier = z.enum(TIERS);
const count = z.number().int();

/** Covered: contacted within the tier's cadence (the cadence not yet due). */
const coverageSchema = z.object({ clients: count, covered: count });

/** A relationship manager's book: coverage of their VIP and potential clients, and what they did of their worklist. */
export const managerFiguresSchema = z.object({
  managerId: z.string(),
  name: z.string(),
  /** VIP and potential clients they manage (the cadence-bound ones), and how many are covered. */
  clients: count,
  covered: count,
  /** Reminders done in the period. */
  done: count,
  /** Their clients' reminders overdue today (open, not snoozed). */
  overdue: count,
});
export type ManagerFigures = z.infer<typeof managerFiguresSchema>;

/**
 * The clients and coverage sections of the Reports screen, and the branch manager's home (issue 13): assets under
 * management and clients per tier as the tiers stood each month, who moved tier, new and churned clients per month,
 * the lifecycle funnel, win-back calls made, contact coverage per tier and per manager, worklist completion.
 */
export const clientsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Each month of the period (`YYYY-MM`), per tier. */
  months: z.array(z.object({ month: z.string(), tier, clients: count, aumFen: z.number() })),
  /** Each month: clients whose tier went up (towards VIP) or down from the month before. */
  moves: z.array(z.object({ month: z.string(), up: count, down: count })),
  /** Each month: clients whose business with the branch began (first business day), and who became churned. */
  flows: z.array(z.object({ month: z.string(), new: count, churned: count })),
  /** Today's clients by lifecycle stage (prospect → new → loyal; churned). */
  lifecycle: z.array(z.object({ stage: z.enum(LIFECYCLES), clients: count })),
  /** Win-back calls done in the period, and churned clients still to win back. */
  winBack: z.object({ done: count, open: count }),
  coverage: z.array(coverageSchema.extend({ tier })),
  managers: z.array(managerFiguresSchema),
  /** The latest month the balances reached (head office's monthly figures), null before any arrived. */
  latestMonth: z.string().nullable(),
});
export type ClientsReport = z.infer<typeof clientsReportSchema>;

/** A relationship manager's own figures on their home screen. */
export const myFiguresSchema = z.object({
  /** Clients they manage. */
  clients: count,
  coverage: z.array(coverageSchema.extend({ tier })),
  /** Sales opportunities open: follow-ups due now, and follow-ups recorded for a later day. */
  followUpsDue: count,
  followUpsAhead: count,
});
export type MyFigures = z.infer<typeof myFiguresSchema>;

const REPORT_ROLES = ['manager', 'admin'] as const;

export const branchContract = {
  /** The signed-in staff member's own figures (their clients' coverage and opportunities). */
  'home.mine': method({ input: z.object({}), output: myFiguresSchema, access: 'session', audit: false }),
  /** The clients and coverage figures of a period (months touched by the period, whole). */
  'reports.clients': method({ input: periodSchema, output: clientsReportSchema, access: REPORT_ROLES, audit: false }),
  /** Those figures as a CSV or XLSX file (a manager's names; no client is named). */
  'reports.clientsExport': method({
    input: periodSchema.extend({ jobId: jobIdSchema, format: z.enum(['csv', 'xlsx']) }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: REPORT_ROLES,
    audit: true,
  }),
};
