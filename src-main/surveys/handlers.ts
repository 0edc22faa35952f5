import type { surveysContract } from '../../src-shared/contract/surveys';
import type { HandlersFor } from '../ipc/call';
import { checkPeriod } from '../exports/period';
import { exportForCall } from '../exports/export-call';
import { surveyFile, surveyReport } from './figures';
import { listResponses, submitResponse } from './responses';
import { getTemplate, listTemplates, publishVersion, retireTemplate } from './templates';

export const surveysHandlers: HandlersFor<typeof surveysContract> = {
  'surveys.templates': (_input, call) => listTemplates(call.app.store.db),

  'surveys.template': (input, call) => getTemplate(call.app.store.db, input.id),

  'surveys.publish': async (input, call) => {
    const id = await call.mutate(
      (trx) => publishVersion(trx, call.app, call.staff, input),
      (templateId) => ({ targetIds: [templateId] }),
    );
    return (await getTemplate(call.app.store.db, id)).template;
  },

  'surveys.retire': async (input, call) => {
    await call.mutate((trx) => retireTemplate(trx, call.app, input.id, input.retired), { targetIds: [input.id] });
    return (await getTemplate(call.app.store.db, input.id)).template;
  },

  'surveys.submit': (input, call) =>
    call.mutate(
      (trx) => submitResponse(trx, call.app, call.staff, input),
      (saved) => ({
        targetIds: [saved.id, ...(input.clientId ? [input.clientId] : []), ...(saved.followUp ? ['follow_up'] : [])],
      }),
    ),

  'surveys.responses': (input, call) => {
    checkPeriod(input.from, input.to);
    return listResponses(call.app.store.db, call.staff, input);
  },

  'surveys.report': (input, call) => surveyReport(call.app.store.db, input),

  'surveys.export': async (input, call) => {
    checkPeriod(input.from, input.to);
    return exportForCall(call, input.jobId, async (job) => {
      job.progress(0, 1);
      const made = await surveyFile(call.app.store.db, call.staff, input, input.what, input.format);
      job.progress(1, 1);
      return made;
    });
  },
};
