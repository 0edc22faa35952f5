import { AppError } from '../../src-shared/contract';
import type { clientsContract } from '../../src-shared/contract/clients';
import { todayOf } from '../app';
import type { HandlersFor } from '../ipc/call';
import { recordSecurityEvent } from '../audit/security';
import { hasAnyRole } from '../auth/sessions';
import { recordAssessment } from './assessments';
import { logContact } from './contacts';
import { importClients } from './import/run';
import { exportForCall } from '../exports/export-call';
import { runJob } from '../jobs';
import { actOnReminder } from '../reminders/service';
import { addImportantDate, addReferral, pinStrategic, removeImportantDate, updateProfile } from './enrichment';
import { exportClients } from './export';
import { listClients } from './list';
import { loadProfile } from './profile';
import { searchClients } from './search';
import { rederiveClients } from './rederive';
import { summariesFor } from './summary';
import { guardTailSearch, tailProbe } from './tail-guard';
import { clientTimeline } from './timeline';

export const clientsHandlers: HandlersFor<typeof clientsContract> = {
  'clients.search': async (input, call) => {
    const probe = tailProbe(input.q);
    if (probe) await guardTailSearch(call.app, call.staff, probe);
    const { db } = call.app.store;
    const hits = await searchClients(db, input.q, input.limit);
    return {
      kind: hits[0]?.kind ?? null,
      results: await summariesFor(
        db,
        hits.map((h) => h.id),
        call.app.settings,
        todayOf(call.app),
      ),
    };
  },

  'clients.profile': (input, call) => loadProfile(call.app.store.db, input.id, call.app.settings, todayOf(call.app)),

  'clients.timeline': (input, call) => clientTimeline(call.app.store.db, input.clientId, input.before, input.limit),

  'clients.logContact': (input, call) => {
    const { app, staff } = call;
    const today = todayOf(app);
    return call.mutate(
      async (trx) => {
        const contact = await logContact(trx, app.clock, app.settings, today, staff, input);
        // A contact clears a reminder only when it is recorded as doing it (DOMAIN.md §3: none vanishes silently);
        // it may still move the cadence, which counts from the contact log itself.
        if (input.reminderKey) {
          const { reminderKey: key, clientId } = input;
          const action = { clientId, key, action: 'done' as const, until: null, reason: null, contactId: contact.id };
          await actOnReminder(trx, app.store.raw, app.clock, app.settings, today, staff, action);
        }
        // Activity moves the lifecycle stage and the cadence.
        rederiveClients(app, [input.clientId]);
        return contact;
      },
      (contact) => ({ targetIds: [input.clientId, contact.id, ...(input.reminderKey ? [`reminder:${input.reminderKey}`] : [])] }),
    );
  },

  'clients.import': async (input, call) => {
    const { app } = call;
    const report = await runJob(app, call.channel, input.jobId, (job) =>
      importClients(app.store, app.clock, app.settings, todayOf(app), {
        fileName: input.fileName,
        bytes: Buffer.from(input.contentBase64, 'base64'),
        mapping: input.mapping,
        dryRun: input.dryRun,
        audit: call.auditEntry({ targetIds: [`file:${input.fileName}`] }),
        signal: job.signal,
        onProgress: job.progress,
      }),
    );
    // New clients get their reminders from the pass, which picks up every client not computed today.
    if (!input.dryRun && report.imported > 0) void app.reminders.run().catch(() => undefined);
    return report;
  },

  'clients.list': (input, call) =>
    listClients(call.app.store.db, input.filters, input.after, input.limit, call.app.settings, todayOf(call.app)),

  'clients.export': async (input, call) => {
    const { app } = call;
    // Exports leave the workstation: who took which list is on record (masked values only, DOMAIN.md §4).
    return exportForCall(
      call,
      input.jobId,
      (job) => exportClients(app.store.db, input.filters, input.format, app.settings, todayOf(app), job),
      [`filters:${JSON.stringify(input.filters)}`],
    );
  },

  'clients.updateProfile': async (input, call) => ({
    updated: await call.mutate((trx) => updateProfile(trx, call.app.clock, input.id, input.changes), { targetIds: [input.id] }),
  }),

  'clients.addImportantDate': async (input, call) => ({
    id: await call.mutate(
      (trx) => addImportantDate(trx, call.app.clock, input),
      (id) => ({ targetIds: [input.clientId, id] }),
    ),
  }),

  'clients.removeImportantDate': async (input, call) => {
    await call.mutate((trx) => removeImportantDate(trx, call.app.clock, input.id), { targetIds: [input.id] });
    return {};
  },

  'clients.pinStrategic': async (input, call) => {
    await call.mutate((trx) => pinStrategic(trx, call.app.clock, input.id, input.strategic, input.reason), {
      targetIds: [input.id],
      reason: input.reason ?? undefined,
    });
    return {};
  },

  'clients.recordAssessment': (input, call) =>
    call.mutate(
      async (trx) => {
        const recorded = await recordAssessment(trx, call.app.clock, todayOf(call.app), call.staff, input);
        // The risk level shown everywhere and the "assessment expired" reminder follow from the latest assessment.
        rederiveClients(call.app, [input.clientId]);
        return recorded;
      },
      (r) => ({ targetIds: [input.clientId, r.id] }),
    ),

  'clients.addReferral': (input, call) =>
    call.mutate(
      (trx) => addReferral(trx, call.app.clock, input.referrerId, input.refereeId, { pointsEach: call.app.settings.referralPointsEach }),
      (r) => ({ targetIds: [input.referrerId, input.refereeId, r.id] }),
    ),

  // DOMAIN.md §1: the full value is a separate permission (the roles a setting names), asked for with a reason and
  // written to the audit log.
  'clients.reveal': async (input, call) => {
    if (!hasAnyRole(call.staff, call.app.settings.revealRoles)) {
      await recordSecurityEvent(call.app, {
        method: 'security.refused',
        staff: call.staff,
        targetIds: ['method:clients.reveal', input.id],
      });
      throw new AppError('FORBIDDEN', 'errors.clients.reveal_forbidden', `${call.staff.login} may not see full ID numbers or mobiles`);
    }
    return call.mutate(
      async (trx) => {
        const row = await trx
          .selectFrom('clients')
          .select(['id_number', 'mobile'])
          .where('id', '=', input.id)
          .where('deleted_hlc', 'is', null)
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'errors.clients.not_found', 'no such client', { params: { id: input.id } });
        const value = input.field === 'id_number' ? row.id_number : row.mobile;
        if (!value) throw new AppError('NOT_FOUND', 'errors.clients.no_value', 'the client has no such value on file');
        return { value };
      },
      { targetIds: [input.id, `field:${input.field}`], reason: input.reason },
    );
  },
};
