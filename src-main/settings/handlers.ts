import type { settingsContract } from '../../src-shared/contract/settings';
import type { HandlersFor } from '../ipc/call';
import { nextHlc } from '../sync/outbox';
import { saveSettings } from './service';

export const settingsHandlers: HandlersFor<typeof settingsContract> = {
  'settings.get': (_input, call) => Promise.resolve(call.app.settings),
  'settings.update': async (input, call) => {
    const { app } = call;
    const next = { ...app.settings, ...input };
    await call.mutate(async (trx) => saveSettings(trx, next, await nextHlc(trx, app.clock)), {
      targetIds: Object.keys(input).map((k) => `settings.${k}`),
    });
    app.settings = next;
    return next;
  },
};
