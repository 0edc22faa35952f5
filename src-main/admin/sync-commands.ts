import { AppError } from '../../src-shared/contract/errors';
import { enrollmentCodeSchema, hubUrlSchema } from '../../src-shared/contract/sync';
import type { App } from '../app';
import { appendAudit } from '../audit/log';
import type { SyncService } from '../sync/service';
import { createWorkstation } from '../workstation';
import { cliActor, type CliContext, withStore } from './commands';

function parsed<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: string | undefined,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('VALIDATION', 'errors.validation', `not a valid ${what}: ${String(value ?? '')}`);
  return result.data;
}

async function withSync<T>(ctx: CliContext, work: (sync: SyncService, app: App) => Promise<T>): Promise<T> {
  return withStore(ctx, false, async ({ store }) => {
    const { app } = await createWorkstation(store, ctx.clock);
    return work(app.sync, app);
  });
}

/** `sync enroll --hub URL --code C`: enrolls an unattended workstation; audited as the OS account. */
export async function syncEnroll(ctx: CliContext, hub: string | undefined, code: string | undefined): Promise<void> {
  const hubUrl = parsed(hubUrlSchema, hub, 'hub address (--hub https://…)');
  const enrollmentCode = parsed(enrollmentCodeSchema, code, 'enrollment code (--code)');
  await withSync(ctx, async (sync, app) => {
    const status = await sync.enroll(hubUrl, enrollmentCode);
    await app.store.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, ctx.clock, { staffId: null, staffLogin: cliActor(), method: 'admin.sync.enroll', targetIds: [`hub:${hubUrl}`] }),
      );
    ctx.out({ ok: true, status }, [`enrolled with ${hubUrl} as device ${status.deviceId} of branch ${status.branchId ?? '?'}`]);
  });
}

/** `sync now`: one sync; a failure (hub unreachable, token refused) exits non-zero with the reason. */
export async function syncNow(ctx: CliContext, signal: AbortSignal): Promise<void> {
  await withSync(ctx, async (sync) => {
    const result = await sync.syncNow({ signal, progress: (done, total) => ctx.progress(`sync: ${done} / ${total} changes`) });
    const status = await sync.status();
    ctx.out({ ok: true, ...result, status }, [
      `pushed ${result.pushed}, pulled ${result.pulled}; ${status.pendingChanges} pending`,
      ...(status.clockWrong ? [`warning: this machine's clock is off by ${Math.round((status.clockOffsetMs ?? 0) / 60_000)} min`] : []),
    ]);
  });
}

/** `sync status`: hub, branch, last success, pending changes, last error. */
export async function syncStatus(ctx: CliContext): Promise<void> {
  await withSync(ctx, async (sync) => {
    const s = await sync.status();
    ctx.out({ ...s }, [
      `hub:            ${s.hubUrl ?? '(not enrolled)'}`,
      `branch:         ${s.branchId ?? '-'}    device: ${s.deviceId}`,
      `last success:   ${s.lastSuccessAt ?? 'never'}`,
      `pending:        ${s.pendingChanges}`,
      `last error:     ${s.lastError ? `${s.lastError.key} at ${s.lastError.at}` : '-'}`,
      `clock offset:   ${s.clockOffsetMs === null ? '-' : `${s.clockOffsetMs} ms${s.clockWrong ? ' (fix this machine’s clock)' : ''}`}`,
    ]);
  });
}
