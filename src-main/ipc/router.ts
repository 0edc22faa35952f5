import type { z } from 'zod';
import {
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
import { hasAnyRole } from '../auth/sessions';
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
      const staff = authorize(app, channel, method);
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

function authorize(app: App, channel: string, method: MethodName): Staff | null {
  const access = contract[method].access;
  if (access === 'public') return app.sessions.current(channel, app.settings.idleLockMinutes)?.staff ?? null;
  const session = app.sessions.current(channel, app.settings.idleLockMinutes);
  if (!session) throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
  if (session.locked) throw new AppError('LOCKED', 'errors.auth.session_locked', 'the session is locked; enter the password');
  if (access !== 'session' && !hasAnyRole(session.staff, access)) {
    throw new AppError('FORBIDDEN', 'errors.forbidden', `${session.staff.login} may not call ${method}`);
  }
  app.sessions.touch(channel);
  return session.staff;
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
