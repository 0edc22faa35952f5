import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

/** A report's period of days, both included (every report and its export take one). */
export const periodSchema = z.object({ from: isoDate, to: isoDate });
