import type { complaintsContract } from '../../src-shared/contract/complaints';
import { handlesComplaints } from '../../src-shared/domain/complaints';
import type { HandlersFor } from '../ipc/call';
import { attachFile, readAttachment } from './attachments';
import { todayOf } from '../app';
import { exportForCall } from '../exports/export-call';
import { takeComplaint, takeStep } from './cases';
import { exportRegister } from './register';
import { complaintsReport, reportFile } from './report';
import { complaintDeadlines, getComplaint, listComplaints } from './queries';

export const complaintsHandlers: HandlersFor<typeof complaintsContract> = {
  'complaints.categories': async (_input, call) => {
    const rows = await call.app.store.db
      .selectFrom('complaint_categories')
      .select(['kind', 'code', 'label_zh_cn', 'label_zh_tw', 'label_en', 'retired'])
      .where('deleted_hlc', 'is', null)
      .orderBy('kind')
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      kind: r.kind as 'business_line' | 'cause',
      code: r.code,
      labels: { 'zh-CN': r.label_zh_cn, 'zh-TW': r.label_zh_tw, en: r.label_en },
      retired: r.retired === 1,
    }));
  },

  'complaints.staff': async (_input, call) => {
    const rows = await call.app.store.db
      .selectFrom('staff')
      .select(['id', 'display_name', 'roles'])
      .where('disabled', '=', 0)
      .where('deleted_hlc', 'is', null)
      .orderBy('display_name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.display_name, handles: handlesComplaints(JSON.parse(r.roles) as string[]) }));
  },

  'complaints.create': (input, call) =>
    call.mutate(
      (trx) => takeComplaint(trx, call.app, call.staff, input),
      (taken) => ({ targetIds: [taken.id, ...(input.clientId ? [input.clientId] : [])] }),
    ),

  'complaints.list': (input, call) => listComplaints(call.app, call.staff, input),

  // Reading a case is reading personal data: on the record like a reveal.
  'complaints.get': async (input, call) => {
    const kase = await getComplaint(call.app, call.staff, input.id);
    await call.mutate(() => Promise.resolve(), { targetIds: [input.id] });
    return kase;
  },

  'complaints.attach': (input, call) =>
    call.mutate(
      (trx) => attachFile(trx, call.app, call.staff, input),
      (file) => ({ targetIds: [input.id, file.id] }),
    ),

  'complaints.attachment': async (input, call) => {
    const file = await readAttachment(call.app.store.db, input.id);
    await call.mutate(() => Promise.resolve(), { targetIds: [input.id] });
    return file;
  },

  'complaints.deadlines': (_input, call) => complaintDeadlines(call.app, call.staff),

  'complaints.report': (input, call) => complaintsReport(call.app.store.db, input, todayOf(call.app)),

  'complaints.export': async (input, call) => {
    const { app } = call;
    return exportForCall(call, input.jobId, async (job) => {
      if (input.what === 'register') return exportRegister(app.store.db, input, input.format, todayOf(app), job);
      return reportFile(app.store.db, await complaintsReport(app.store.db, input, todayOf(app)), input.format);
    });
  },

  'complaints.step': async (input, call) => {
    await call.mutate(
      (trx) => takeStep(trx, call.app, call.staff, input.id, input.expectedStatus, input.step),
      (taken) => ({ targetIds: [input.id, taken.eventId] }),
    );
    return getComplaint(call.app, call.staff, input.id);
  },
};
