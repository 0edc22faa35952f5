import { z } from 'zod';
import { method } from './define';

/** A job id the renderer makes when it starts a long job, so it can follow its progress and cancel it. */
export const jobIdSchema = z.string().regex(/^[0-9a-f-]{8,64}$/, { message: 'validation.job_id' });

export const jobsContract = {
  /** Cancels a running job of this session; a cancelled job keeps nothing half-done. */
  'jobs.cancel': method({
    input: z.object({ jobId: jobIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
    access: 'session',
    audit: false,
  }),
};
