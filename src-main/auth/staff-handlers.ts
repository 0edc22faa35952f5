import type { staffContract } from '../../src-shared/contract/staff';
import type { HandlersFor } from '../ipc/call';
import { createStaff, listStaff } from './staff';

export const staffHandlers: HandlersFor<typeof staffContract> = {
  'staff.list': (_input, call) => listStaff(call.app.store.db),
  'staff.create': async ({ password, ...input }, call) => {
    const credentials = await call.app.passwords.hash(password);
    return call.mutate(
      (trx) => createStaff(trx, call.app.clock, { ...input, credentials }),
      (staff) => ({ targetIds: [staff.id] }),
    );
  },
};
