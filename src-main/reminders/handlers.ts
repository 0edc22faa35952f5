import { AppError } from '../../src-shared/contract';
import type { remindersContract } from '../../src-shared/contract/reminders';
import { todayOf } from '../app';
import type { HandlersFor } from '../ipc/call';
import { dailyRemindersOf } from './daily';
import { actOnReminder, remindersForClient, worklist } from './service';

export const remindersHandlers: HandlersFor<typeof remindersContract> = {
  'reminders.forClient': (input, call) =>
    remindersForClient(call.app.store.db, call.app.store.raw, input.clientId, call.app.settings, todayOf(call.app)),

  'reminders.worklist': async (input, call) => {
    const staff = call.staff;
    if (!staff) throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
    const page = await worklist(call.app.store.db, staff, input, todayOf(call.app));
    const pass = dailyRemindersOf(call.app);
    return { ...page, refreshing: pass.refreshing, refreshProgress: pass.progress };
  },

  'reminders.act': (input, call) => {
    const staff = call.staff;
    if (!staff) throw new AppError('UNAUTHENTICATED', 'errors.auth.signed_out', 'sign in first');
    const { app } = call;
    return call.mutate(
      (trx) => actOnReminder(trx, app.store.raw, app.clock, app.settings, todayOf(app), staff, input),
      (result) => ({ targetIds: [input.clientId, result.id, `reminder:${input.key}`], reason: input.reason ?? undefined }),
    );
  },
};
