import { AppError, type authContract } from '../../src-shared/contract';
import { recordSecurityEvent } from '../audit/security';
import type { HandlersFor } from '../ipc/call';
import { checkCredentials, createStaff, setOwnPassword, type SignInFailure } from './staff';
import { isSetUp, markSetUp } from './setup';

export const authHandlers: HandlersFor<typeof authContract> = {
  'auth.state': async (_input, call) => {
    const { app, channel } = call;
    return {
      setupNeeded: !(await isSetUp(app.store.db)),
      session: app.sessions.view(channel, app.settings),
    };
  },

  'auth.setupFirstAdmin': async (input, call) => {
    const { app, channel } = call;
    // Hashed before the transaction: a second of scrypt must not hold the store's one connection.
    const credentials = await call.app.passwords.hash(input.password);
    const staff = await call.mutate(
      async (trx) => {
        // Once per store (issue 9), checked inside the transaction: two first-run screens racing cannot both create
        // an administrator, and a store whose administrators head office later disabled never offers it again.
        if (await isSetUp(trx)) throw new AppError('CONFLICT', 'errors.auth.already_set_up', 'this workstation is set up already');
        const created = await createStaff(trx, app.clock, { ...input, roles: ['admin', 'manager'], credentials });
        await markSetUp(trx, new Date(app.clock.now()).toISOString());
        return created;
      },
      (created) => ({ targetIds: [created.id], actor: created }),
    );
    app.sessions.start(channel, staff);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes, mustChangePassword: false };
  },

  'auth.signIn': async (input, call) => {
    const { app, channel } = call;
    const { mustChangePassword, ...staff } = await checkCredentials(
      app.store.db,
      app.clock,
      app.settings,
      app.passwords,
      input.login,
      input.password,
      signInFailed(call.app, input.login, 'auth.signIn'),
    );
    await call.mutate(() => Promise.resolve(), { targetIds: [staff.id], actor: staff });
    app.sessions.start(channel, staff, mustChangePassword);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes, mustChangePassword };
  },

  'auth.signOut': async (_input, call) => {
    await call.mutate(() => Promise.resolve(), { targetIds: call.staff ? [call.staff.id] : [] });
    call.app.sessions.end(call.channel);
    return {};
  },

  'auth.lock': (_input, call) => {
    call.app.sessions.lock(call.channel);
    return Promise.resolve({});
  },

  'auth.unlock': async (input, call) => {
    const { app, channel } = call;
    const session = app.sessions.current(channel, app.settings);
    if (!session) throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
    // Only the staff member who locked the screen may unlock it; anyone else signs out and in.
    const { mustChangePassword, ...staff } = await checkCredentials(
      app.store.db,
      app.clock,
      app.settings,
      app.passwords,
      session.staff.login,
      input.password,
      signInFailed(app, session.staff.login, 'auth.unlock'),
    );
    await call.mutate(() => Promise.resolve(), { targetIds: [staff.id], actor: staff });
    app.sessions.unlock(channel);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes, mustChangePassword };
  },

  'auth.touch': () => Promise.resolve({}),

  'auth.changePassword': async (input, call) => {
    const { app, channel, staff } = call;
    await checkCredentials(
      app.store.db,
      app.clock,
      app.settings,
      app.passwords,
      staff.login,
      input.currentPassword,
      signInFailed(app, staff.login, 'auth.changePassword'),
    );
    if (input.currentPassword === input.newPassword) {
      throw new AppError('VALIDATION', 'errors.auth.same_password', 'the new password must differ from the current one', {
        issues: [{ path: 'newPassword', key: 'errors.auth.same_password', message: 'same password' }],
      });
    }
    const credentials = await app.passwords.hash(input.newPassword);
    await call.mutate((trx) => setOwnPassword(trx, staff.id, credentials), { targetIds: [staff.id] });
    app.sessions.start(channel, staff);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes, mustChangePassword: false };
  },
};

/** A failed sign-in, unlock or password check on the audit log: who tried, as what, and why it failed. */
function signInFailed(app: Parameters<typeof recordSecurityEvent>[0], login: string, method: string) {
  return (failure: SignInFailure, staffId: string | null) =>
    recordSecurityEvent(app, {
      method: `${method}.failed`,
      staffLogin: login,
      targetIds: [...(staffId ? [staffId] : []), `failure:${failure}`],
    });
}
