import type { storeContract } from '../../src-shared/contract/store';
import type { HandlersFor } from '../ipc/call';
import { backupsFolder, listBackups, takeBackup } from './backups';
import { verifyStore } from './maintenance';

export const storeHandlers: HandlersFor<typeof storeContract> = {
  'store.backups': (_input, call) => Promise.resolve({ folder: backupsFolder(call.app.store), backups: listBackups(call.app.store) }),

  'store.backup': (_input, call) => {
    // VACUUM INTO and ATTACH cannot run inside a transaction: the copy is taken and checked first, then recorded.
    const taken = takeBackup(call.app.store, new Date(call.app.clock.now()));
    return call.mutate(() => Promise.resolve(taken), { targetIds: [taken.name] });
  },

  'store.verify': async (_input, call) => {
    const report = await verifyStore(call.app.store);
    // On the record either way: a failed check is exactly what an inspector asks about.
    await call.mutate(() => Promise.resolve(), { targetIds: [], reason: report.ok ? 'ok' : (report.audit.problem ?? 'integrity') });
    return report;
  },
};
