import type { syncContract } from '../../src-shared/contract/sync';
import type { HandlersFor } from '../ipc/call';
import { runJob } from '../jobs';
import { discardParked, listParked, parkedCutoff } from './parked';

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync.status': (_input, call) => call.app.sync.status(),

  'sync.enroll': async (input, call) => {
    const status = await call.app.sync.enroll(input.hubUrl, input.code);
    // Who enrolled this workstation with which hub is on record (never the code or the token).
    await call.mutate(() => Promise.resolve(), { targetIds: [`hub:${input.hubUrl}`, `branch:${status.branchId ?? ''}`] });
    return status;
  },

  'sync.now': async (input, call) => {
    const { sync } = call.app;
    const result = await runJob(call.app, call.channel, input.jobId, (job) => sync.syncNow(job));
    return { ...result, status: await sync.status() };
  },

  'sync.parked': async (input, call) => {
    const days = call.app.settings.parkedReviewDays;
    const page = await listParked(call.app.store.db, parkedCutoff(call.app.clock.now(), days), input.after, input.limit);
    return { ...page, olderThanDays: days };
  },

  'sync.discardParked': async (input, call) => {
    const cutoff = parkedCutoff(call.app.clock.now(), call.app.settings.parkedReviewDays);
    const discarded = await call.mutate(
      (trx) => discardParked(trx, cutoff, input.seqs ? { seqs: input.seqs } : { all: true }),
      (seqs) => ({
        // Each discarded change by its sequence; a long list by its count and range.
        targetIds: seqs.length <= 50 ? seqs.map((s) => `parked:${s}`) : [`parked:${seqs.length}`, `parked:${seqs[0]}-${seqs.at(-1)}`],
        reason: input.reason,
      }),
    );
    await call.app.sync.announce();
    return { discarded: discarded.length };
  },
};
