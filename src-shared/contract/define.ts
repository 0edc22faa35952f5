import type { z } from 'zod';

export const ROLES = ['counter', 'complaints', 'events', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may call a method:
 * - `public`: anyone holding the transport (first-run status, sign-in);
 * - `session`: any signed-in staff member whose session is not locked;
 * - a list of roles: a signed-in staff member with at least one of them.
 */
export type Access = 'public' | 'session' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Written to the audit log on success (every mutation and every reveal of unmasked data). */
  audit: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
