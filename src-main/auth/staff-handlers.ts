import type { staffContract } from '../../src-shared/contract/staff';
import type { HandlersFor } from '../ipc/call';
import { createStaff, listStaff } from './staff';

export const staffHandlers: HandlersFor<typeof staffContract> = {
  'staff.list': (_input, call) => listStaff(call.app.store.db),
  'staff.create': (input, call) =>
    call.mutate(
      (trx) => createStaff(trx, call.app.clock, input),
      (staff) => ({ targetIds: [staff.id] }),
    ),
};
