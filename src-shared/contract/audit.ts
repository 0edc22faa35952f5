import { z } from 'zod';
import { method } from './define';

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  staffLogin: z.string().nullable(),
  method: z.string(),
  targetIds: z.array(z.string()),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditContract = {
  'audit.list': method({
    input: z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(auditEntrySchema),
    access: ['admin', 'manager'],
    audit: false,
  }),
  'audit.verify': method({
    input: z.object({}),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), firstBadSeq: z.number().int().nullable() }),
    access: ['admin', 'manager'],
    audit: false,
  }),
};
