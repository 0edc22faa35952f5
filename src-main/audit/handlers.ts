import type { auditContract } from '../../src-shared/contract/audit';
import type { HandlersFor } from '../ipc/call';
import { listAudit, verifyAuditChain } from './log';

export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit.list': (input, call) => listAudit(call.app.store.db, input.beforeSeq, input.limit),
  'audit.verify': async (_input, call) => {
    const report = await verifyAuditChain(call.app.store.db);
    return { ok: report.ok, entries: report.entries, firstBadSeq: report.firstBadSeq };
  },
};
