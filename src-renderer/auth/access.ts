import { contract, type MethodName, type Role, type Staff } from '../../src-shared/contract';

/** Whether main would let this staff member call the method: screens show only what the contract allows. */
export function mayCall(staff: Staff, method: MethodName): boolean {
  const access = contract[method].access;
  if (access === 'public' || access === 'session') return true;
  const roles: readonly Role[] = access;
  return staff.roles.some((role) => roles.includes(role));
}
