import { auditHandlers } from '../audit/handlers';
import { authHandlers } from '../auth/handlers';
import { branchHandlers } from '../reports/handlers';
import { staffHandlers } from '../auth/staff-handlers';
import { clientsHandlers } from '../clients/handlers';
import { complaintsHandlers } from '../complaints/handlers';
import { eventsHandlers } from '../events/handlers';
import { demoHandlers } from '../demo/handlers';
import { jobsHandlers } from '../jobs';
import { remindersHandlers } from '../reminders/handlers';
import { settingsHandlers } from '../settings/handlers';
import { storeHandlers } from '../store/handlers';
import { surveysHandlers } from '../surveys/handlers';
import { syncHandlers } from '../sync/handlers';
import type { Handlers } from './call';

/** Every capability's handlers in one table; the type makes a method without a handler a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...clientsHandlers,
  ...remindersHandlers,
  ...jobsHandlers,
  ...syncHandlers,
  ...demoHandlers,
  ...storeHandlers,
  ...complaintsHandlers,
  ...eventsHandlers,
  ...surveysHandlers,
  ...branchHandlers,
};
