import { z } from 'zod';
import { method } from './define';

/** Every number here is a default an administrator can change (DOMAIN.md). */
export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(1, { message: 'validation.idle_range' }).max(240, { message: 'validation.idle_range' }),
  maxFailedSignIns: z.number().int().min(3).max(20),
  signInLockoutMinutes: z.number().int().min(1).max(1440),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  idleLockMinutes: 10,
  maxFailedSignIns: 5,
  signInLockoutMinutes: 5,
};

export const settingsContract = {
  'settings.get': method({ input: z.object({}), output: settingsSchema, access: 'session', audit: false }),
  'settings.update': method({ input: settingsSchema.partial(), output: settingsSchema, access: ['admin'], audit: true }),
};
