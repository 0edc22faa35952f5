import { LIFECYCLE_SETTINGS, REMINDER_SETTINGS, type Settings, TIER_SETTINGS } from '../../src-shared/contract';
import type { settingsContract } from '../../src-shared/contract/settings';
import { localDate } from '../../src-shared/domain/clock';
import { ClientRederiver } from '../clients/rederive';
import type { HandlersFor } from '../ipc/call';
import { type JobControl, runJob } from '../jobs';
import { recomputeAllDue } from '../reminders/due';
import { nextHlc } from '../sync/device-clock';
import { saveSettings } from './service';

export const settingsHandlers: HandlersFor<typeof settingsContract> = {
  'settings.get': (_input, call) => Promise.resolve(call.app.settings),
  'settings.update': async (input, call) => {
    const { app } = call;
    const { jobId, ...changes } = input;
    const next: Settings = { ...app.settings, ...changes };
    const moved = (keys: readonly (keyof Settings)[]) => keys.some((k) => next[k] !== app.settings[k]);
    // Tier and lifecycle are derived from facts under these thresholds: new thresholds re-tier the archive in
    // the same transaction, so no screen ever shows tiers computed under settings no longer in force.
    const restage = moved(TIER_SETTINGS) || moved(LIFECYCLE_SETTINGS);
    // Reminders too: the cadence, notice and grace days decide what is due, so every client's are recomputed
    // (a re-tier recomputes them with the rest of each client's derived state).
    const reminders = moved(REMINDER_SETTINGS);
    const save = (job?: JobControl) =>
      call.mutate(
        async (trx) => {
          await saveSettings(trx, next, await nextHlc(trx, app.clock));
          const today = localDate(app.clock.now(), next.timeZone);
          if (restage) await new ClientRederiver(app.store.raw, next, today).all(job);
          else if (reminders) await recomputeAllDue(app.store.raw, next, today, job);
        },
        { targetIds: Object.keys(changes).map((k) => `settings.${k}`) },
      );
    if (jobId) await runJob(app, call.channel, jobId, save);
    else await save();
    app.settings = next;
    return next;
  },
};
