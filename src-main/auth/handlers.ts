import { AppError, type authContract } from '../../src-shared/contract';
import type { HandlersFor } from '../ipc/call';
import { checkCredentials, createStaff, hasAdministrator } from './staff';

export const authHandlers: HandlersFor<typeof authContract> = {
  'auth.state': async (_input, call) => {
    const { app, channel } = call;
    return {
      setupNeeded: !(await hasAdministrator(app.store.db)),
      session: app.sessions.view(channel, app.settings.idleLockMinutes),
    };
  },

  'auth.setupFirstAdmin': async (input, call) => {
    const { app, channel } = call;
    const staff = await call.mutate(
      async (trx) => {
        // Checked inside the transaction: two first-run screens racing cannot both create an administrator.
        if (await hasAdministrator(trx)) throw new AppError('CONFLICT', 'errors.auth.already_set_up', 'an administrator already exists');
        return createStaff(trx, app.clock, { ...input, roles: ['admin', 'manager'] });
      },
      (created) => ({ targetIds: [created.id], actor: created }),
    );
    app.sessions.start(channel, staff);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes };
  },

  'auth.signIn': async (input, call) => {
    const { app, channel } = call;
    const staff = await checkCredentials(app.store.db, app.clock, app.settings, input.login, input.password);
    await call.mutate(() => Promise.resolve(), { targetIds: [staff.id], actor: staff });
    app.sessions.start(channel, staff);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes };
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
    const session = app.sessions.current(channel, app.settings.idleLockMinutes);
    if (!session) throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
    // Only the staff member who locked the screen may unlock it; anyone else signs out and in.
    const staff = await checkCredentials(app.store.db, app.clock, app.settings, session.staff.login, input.password);
    await call.mutate(() => Promise.resolve(), { targetIds: [staff.id], actor: staff });
    app.sessions.unlock(channel);
    return { staff, locked: false, idleLockMinutes: app.settings.idleLockMinutes };
  },

  'auth.touch': () => Promise.resolve({}),
};
