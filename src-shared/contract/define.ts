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

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, A extends Access = Access> {
  input: I;
  output: O;
  /** Kept as written (`'public'`, `['admin']`): handlers of non-public methods are typed with a signed-in staff member. */
  access: A;
  /** Written to the audit log on success (every mutation and every reveal of unmasked data). */
  audit: boolean;
  /**
   * A read the screen makes on its own (a status poll): it is not the staff member's activity, so it never keeps an
   * idle session from locking (issue 9: a 30-second poll did).
   */
  passive?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType, const A extends Access>(spec: MethodSpec<I, O, A>): MethodSpec<I, O, A> {
  return spec;
}
