import type { branchContract } from '../../src-shared/contract/branch';
import { todayOf } from '../app';
import { checkPeriod } from '../exports/period';
import { exportForCall } from '../exports/export-call';
import type { HandlersFor } from '../ipc/call';
import { clientsReport, clientsReportFile, myFigures } from './clients';

export const branchHandlers: HandlersFor<typeof branchContract> = {
  'home.mine': (_input, call) => myFigures(call.app.store.db, call.staff, todayOf(call.app)),

  'reports.clients': (input, call) => {
    checkPeriod(input.from, input.to);
    return clientsReport(call.app.store.db, call.app.settings, todayOf(call.app), input);
  },

  'reports.clientsExport': async (input, call) => {
    checkPeriod(input.from, input.to);
    return exportForCall(call, input.jobId, async (job) => {
      job.progress(0, 1);
      const made = await clientsReportFile(
        await clientsReport(call.app.store.db, call.app.settings, todayOf(call.app), input),
        input.format,
      );
      job.progress(1, 1);
      return made;
    });
  },
};
