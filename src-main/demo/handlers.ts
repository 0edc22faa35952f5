import type { demoContract } from '../../src-shared/contract/demo';
import type { HandlersFor } from '../ipc/call';
import { runJob } from '../jobs';
import { removeDemoData } from './remove';
import { demoHoldings } from './rows';

export const demoHandlers: HandlersFor<typeof demoContract> = {
  'demo.status': (_input, call) => demoHoldings(call.app.store.db),

  'demo.remove': async (input, call) => {
    const { app } = call;
    // The removal writes its own audit entry inside its transaction (it runs on raw statements, as a job).
    const { method, staffId, staffLogin } = call.auditEntry({ targetIds: [] });
    const result = await runJob(app, call.channel, input.jobId, (job) =>
      removeDemoData(app.store, app.clock, { method, staffId, staffLogin }, job),
    );
    // The worklist and the status dot change with it.
    void app.reminders.run().catch(() => undefined);
    await app.sync.announce();
    return result;
  },
};
