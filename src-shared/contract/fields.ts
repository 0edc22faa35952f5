import { z } from 'zod';

/** A record's id as the renderer sends it back (UUIDv7, or a shipped record's fixed id). */
export const recordId = z.string().min(1).max(64);

/** A text that may be left blank: trimmed, at most `max` characters, a blank one stored as none. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((s) => (s === '' ? null : s));
