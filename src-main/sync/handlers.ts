import type { syncContract } from '../../src-shared/contract/sync';
import type { HandlersFor } from '../ipc/call';
import { runJob } from '../jobs';
import { syncServiceOf } from './service';

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync.status': (_input, call) => syncServiceOf(call.app).status(),

  'sync.enroll': async (input, call) => {
    const status = await syncServiceOf(call.app).enroll(input.hubUrl, input.code);
    // Who enrolled this workstation with which hub is on record (never the code or the token).
    await call.mutate(() => Promise.resolve(), { targetIds: [`hub:${input.hubUrl}`, `branch:${status.branchId ?? ''}`] });
    return status;
  },

  'sync.now': async (input, call) => {
    const service = syncServiceOf(call.app);
    const result = await runJob(call.app, call.channel, input.jobId, (job) => service.syncNow(job));
    return { ...result, status: await service.status() };
  },
};
