import { z } from 'zod';
import { idMaskPatternSchema, DEFAULT_ID_MASK } from '../domain/masking';
import { method } from './define';

/** Every number here is a default an administrator can change (DOMAIN.md). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  idleLockMinutes: 10,
  maxFailedSignIns: 5,
  signInLockoutMinutes: 5,
  idMask: DEFAULT_ID_MASK,
  timeZone: 'Asia/Shanghai',
  elderlyMinAge: 65,
};

export const settingsContract = {
  'settings.get': method({ input: z.object({}), output: settingsSchema, access: 'session', audit: false }),
  'settings.update': method({ input: settingsSchema.partial(), output: settingsSchema, access: ['admin'], audit: true }),
};
