import type { remindersContract } from '../../src-shared/contract/reminders';
import { todayOf } from '../app';
import { rederiveClients } from '../clients/rederive';
import type { HandlersFor } from '../ipc/call';
import { actOnReminder, remindersForClient, worklist, worklistCounts } from './service';

export const remindersHandlers: HandlersFor<typeof remindersContract> = {
  'reminders.forClient': (input, call) =>
    remindersForClient(call.app.store.db, call.app.store.raw, input.clientId, call.app.settings, todayOf(call.app)),

  'reminders.worklist': async (input, call) => {
    const page = await worklist(call.app.store.db, call.staff, input, todayOf(call.app), call.app.settings);
    const pass = call.app.reminders;
    return { ...page, refreshing: pass.refreshing, refreshProgress: pass.progress };
  },

  'reminders.counts': (input, call) => worklistCounts(call.app.store.db, call.staff, input, todayOf(call.app), call.app.settings),

  'reminders.act': (input, call) => {
    const { app } = call;
    return call.mutate(
      async (trx) => {
        const action = await actOnReminder(trx, app.store.raw, app.clock, app.settings, todayOf(app), call.staff, input);
        rederiveClients(app, [input.clientId]);
        return action;
      },
      (result) => ({ targetIds: [input.clientId, result.id, `reminder:${input.key}`], reason: input.reason ?? undefined }),
    );
  },
};
