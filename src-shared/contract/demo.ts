import { z } from 'zod';
import { method } from './define';
import { jobIdSchema } from './jobs';

export const demoHoldingsSchema = z.object({
  /** Demo clients (with everything that names them: contacts, balances, points…). */
  clients: z.number().int().nonnegative(),
  /** The seeder's demo staff accounts. */
  staff: z.number().int().nonnegative(),
});

/**
 * Demo data (seeding, the browser host's first run) never leaves the workstation: it is marked, kept out of the
 * outbox, and a workstation holding it is not enrolled until it is removed.
 */
export const demoContract = {
  'demo.status': method({ input: z.object({}), output: demoHoldingsSchema, access: 'session', audit: false }),
  /** Removes every demo row in one transaction, with progress as `job.progress` events; `jobs.cancel` keeps everything. */
  'demo.remove': method({
    input: z.object({ jobId: jobIdSchema }),
    output: z.object({ removed: demoHoldingsSchema, rows: z.number().int().nonnegative() }),
    access: ['admin'],
    audit: true,
  }),
};
