import type { z } from 'zod';
import {
  ALLOWED_BEFORE_PASSWORD_CHANGE,
  AppError,
  type AppErrorShape,
  contract,
  type Envelope,
  type FieldIssue,
  isMethodName,
  type MethodName,
  type Staff,
} from '../../src-shared/contract';
import type { App } from '../app';
import { appendAudit } from '../audit/log';
import { recordSecurityEvent } from '../audit/security';
import { hasAnyRole } from '../auth/sessions';
import { toStaff } from '../auth/staff';
import type { Call, Handlers } from './call';

export type Router = (channel: string, method: string, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The one path every renderer request takes, whichever transport brought it:
 * validate the input (zod) → authorize (session, lock, roles) → run the handler → audit → check the output.
 */
export function createRouter(app: App, handlers: Handlers, log: (message: string) => void = console.error): Router {
  return async (channel, method, input) => {
    try {
      if (!isMethodName(method)) throw new AppError('NOT_FOUND', 'errors.unknown_method', `no method ${method}`);
      const spec = contract[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const staff = await authorize(app, channel, method);
      let audited = false;
      const call: Call<MethodName> = {
        app,
        method,
        channel,
        // authorize() returned a staff member for every method that is not public: the handler's type says so.
        staff: staff as Staff,
        auditEntry(target) {
          audited = true;
          const actor = target.actor ?? staff;
          return {
            staffId: actor?.id ?? null,
            staffLogin: actor?.login ?? null,
            method,
            targetIds: target.targetIds,
            reason: target.reason ?? null,
          };
        },
        async mutate(work, audit) {
          return app.store.db.transaction().execute(async (trx) => {
            const result = await work(trx);
            const target = typeof audit === 'function' ? audit(result) : audit;
            const actor = target.actor ?? staff;
            await appendAudit(trx, app.clock, {
              staffId: actor?.id ?? null,
              staffLogin: actor?.login ?? null,
              method,
              targetIds: target.targetIds,
              reason: target.reason ?? null,
            });
            audited = true;
            return result;
          });
        },
      };
      const handler = handlers[method] as (input: unknown, call: Call<MethodName>) => Promise<unknown>;
      const value = await handler(parsed.data, call);
      if (spec.audit && !audited) throw new Error(`${method} is audited but its handler wrote no audit entry`);
      // Parsing the output strips anything the contract does not declare (a password hash can never leak).
      return { ok: true, value: (spec.output as z.ZodType).parse(value) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err, method, log) };
    }
  };
}

/**
 * Who is calling, checked on every call: the session (ended past its absolute lifetime, locked when idle), the staff
 * member's account as it stands now in the store (roles taken away or an account disabled by head office's staff feed
 * take effect at once, not at the next sign-in), a first password still to be replaced, and the method's roles. A
 * refused role is on the audit log. Only calls the staff member makes keep the session active, not status polls.
 */
async function authorize(app: App, channel: string, method: MethodName): Promise<Staff | null> {
  const spec = contract[method];
  const access = spec.access;
  if (access === 'public') return app.sessions.current(channel, app.settings)?.staff ?? null;
  const expired = app.sessions.isExpired(channel, app.settings);
  const session = app.sessions.current(channel, app.settings);
  if (!session) {
    if (expired) throw new AppError('UNAUTHENTICATED', 'errors.auth.session_expired', 'the session ended; sign in again');
    throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
  }
  const account = await currentAccount(app, session.staff.id);
  if (!account) {
    app.sessions.end(channel);
    throw new AppError('UNAUTHENTICATED', 'errors.auth.account_disabled', 'this account is disabled; sign in as someone else');
  }
  session.staff = account;
  if (session.locked) throw new AppError('LOCKED', 'errors.auth.session_locked', 'the session is locked; enter the password');
  if (session.mustChangePassword && !(ALLOWED_BEFORE_PASSWORD_CHANGE as readonly string[]).includes(method)) {
    throw new AppError('FORBIDDEN', 'errors.auth.must_change_password', 'set your own password first');
  }
  if (access !== 'session' && !hasAnyRole(account, access)) {
    await recordSecurityEvent(app, { method: 'security.refused', staff: account, targetIds: [`method:${method}`] });
    throw new AppError('FORBIDDEN', 'errors.forbidden', `${account.login} may not call ${method}`);
  }
  if (!spec.passive) app.sessions.touch(channel);
  return account;
}

/** The staff member's account as the store has it now, or null when disabled or removed. */
async function currentAccount(app: App, staffId: string): Promise<Staff | null> {
  const row = await app.store.db
    .selectFrom('staff')
    .select(['id', 'login', 'display_name', 'roles', 'disabled', 'deleted_hlc'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row && row.disabled === 0 && row.deleted_hlc === null ? toStaff(row) : null;
}

function validationError(error: z.ZodError): AppError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    key: issue.message.startsWith('validation.') ? issue.message : `validation.${issue.code}`,
    message: issue.message,
  }));
  return new AppError('VALIDATION', 'errors.validation', 'the input is not valid', { issues });
}

function toErrorShape(err: unknown, method: string, log: (message: string) => void): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  // The stack stays in main's log; the renderer learns only that something went wrong.
  log(`[${method}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'INTERNAL', key: 'errors.internal', message: 'an unexpected error occurred' };
}
