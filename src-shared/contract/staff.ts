import { z } from 'zod';
import { displayNameSchema, loginSchema, passwordSchema, roleSchema, staffSchema } from './auth';
import { method } from './define';

export const staffContract = {
  'staff.list': method({
    input: z.object({}),
    output: z.array(staffSchema.extend({ disabled: z.boolean(), lockedUntil: z.string().nullable() })),
    access: ['admin', 'manager'],
    audit: false,
  }),
  'staff.create': method({
    input: z.object({
      login: loginSchema,
      displayName: displayNameSchema,
      roles: z.array(roleSchema).min(1, { message: 'validation.roles_required' }),
      password: passwordSchema,
    }),
    output: staffSchema,
    access: ['admin'],
    audit: true,
  }),
};
