import { z } from 'zod';
import { method, ROLES } from './define';

export const loginSchema = z
  .string()
  .trim()
  .min(2, { message: 'validation.login_format' })
  .max(32, { message: 'validation.login_format' })
  .regex(/^[a-z0-9._-]+$/, { message: 'validation.login_format' });

export const passwordSchema = z.string().min(8, { message: 'validation.password_short' }).max(128, { message: 'validation.password_long' });

export const displayNameSchema = z.string().trim().min(1, { message: 'validation.required' }).max(64);

export const roleSchema = z.enum(ROLES);

export const staffSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
});
export type Staff = z.infer<typeof staffSchema>;

export const sessionSchema = z.object({
  staff: staffSchema,
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
  /** A first password from head office: nothing else is allowed until its owner has set their own. */
  mustChangePassword: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const authStateSchema = z.object({
  /** true while no administrator account exists: the first run offers to create one. */
  setupNeeded: z.boolean(),
  session: sessionSchema.nullable(),
});
export type AuthState = z.infer<typeof authStateSchema>;

export const authContract = {
  'auth.state': method({ input: z.object({}), output: authStateSchema, access: 'public', audit: false }),
  'auth.setupFirstAdmin': method({
    input: z.object({ login: loginSchema, displayName: displayNameSchema, password: passwordSchema }),
    output: sessionSchema,
    access: 'public',
    audit: true,
  }),
  'auth.signIn': method({
    input: z.object({
      login: z.string().trim().min(1, { message: 'validation.required' }).max(64),
      password: z.string().min(1, { message: 'validation.required' }).max(128),
    }),
    output: sessionSchema,
    access: 'public',
    audit: true,
  }),
  /** Public so a locked screen can be handed over: another staff member signs the locked one out. */
  'auth.signOut': method({ input: z.object({}), output: z.object({}), access: 'public', audit: true }),
  /** The renderer's idle timer locks the session; the screen stays mounted under the lock. */
  'auth.lock': method({ input: z.object({}), output: z.object({}), access: 'session', audit: false }),
  'auth.unlock': method({
    input: z.object({ password: z.string().min(1, { message: 'validation.required' }).max(128) }),
    output: sessionSchema,
    access: 'public',
    audit: true,
  }),
  /** Keyboard and mouse activity, throttled by the renderer, keeps the session from idling out. */
  'auth.touch': method({ input: z.object({}), output: z.object({}), access: 'session', audit: false }),
  /** A staff member sets their own password, with the current one (required at first sign-in with head office's). */
  'auth.changePassword': method({
    input: z
      .object({
        currentPassword: z.string().min(1, { message: 'validation.required' }).max(128),
        newPassword: passwordSchema,
        repeatPassword: z.string().max(128),
      })
      .refine((v) => v.newPassword === v.repeatPassword, { message: 'validation.passwords_differ', path: ['repeatPassword'] }),
    output: sessionSchema,
    access: 'session',
    audit: true,
  }),
};

/** What a staff member who must first replace head office's password may still do. */
export const ALLOWED_BEFORE_PASSWORD_CHANGE = [
  'auth.state',
  'auth.changePassword',
  'auth.signOut',
  'auth.touch',
  'auth.lock',
  'auth.unlock',
] as const;
