import type { staffContract } from '../../src-shared/contract/staff';
import type { HandlersFor } from '../ipc/call';
import { hashPassword } from './password';
import { createStaff, listStaff } from './staff';

export const staffHandlers: HandlersFor<typeof staffContract> = {
  'staff.list': (_input, call) => listStaff(call.app.store.db),
  'staff.create': async ({ password, ...input }, call) => {
    const credentials = await hashPassword(password);
    return call.mutate(
      (trx) => createStaff(trx, call.app.clock, { ...input, credentials }),
      (staff) => ({ targetIds: [staff.id] }),
    );
  },
};
