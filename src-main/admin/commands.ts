import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError, displayNameSchema, loginSchema, passwordSchema, roleSchema } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';
import { appendAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { markSetUp } from '../auth/setup';
import { createStaff, listStaff } from '../auth/staff';
import { dataFiles } from '../store/data-dir';
import { headlessKeySource, keyFromPassphrase, resolveHeadlessKey, generateKey, writeKeyFile } from '../store/key';
import { openHeadless } from '../store/headless';
import { backupTo, restoreFrom, rekeyStore, verifyStore } from '../store/maintenance';
import { holderOf } from '../store/pid-lock';
import { seedDemoClients } from '../clients/seed/run';
import { importClients } from '../clients/import/run';
import { loadSettings } from '../settings/service';
import { localDate } from '../../src-shared/domain/clock';
import { tableCounts } from '../store/stats';
import { removeDemoData } from '../demo/remove';
import { demoHoldings } from '../demo/rows';
import { markRestored } from '../sync/restore';
import { exportRegister } from '../complaints/register';

export interface CliContext {
  dataDir: string;
  keyFile?: string;
  /** The desktop store's recovery key (`--recovery-key`): opens a store whose keychain entry is lost. */
  recoveryKey?: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Prints one result: the object with --json, the lines otherwise. */
  out(result: Record<string, unknown>, lines: string[]): void;
  askPassword(): Promise<string>;
  /** Progress of a long job, on stderr so --json output stays one document. */
  progress(message: string): void;
}

/** The CLI acts as the administrator at this machine; its audit entries name the OS account. */
export function cliActor(): string {
  return `cli:${os.userInfo().username}`;
}

export async function withStore<T>(
  ctx: CliContext,
  create: boolean,
  work: (s: Awaited<ReturnType<typeof openHeadless>>) => Promise<T>,
): Promise<T> {
  const opened = await openHeadless({ dataDir: ctx.dataDir, keyFile: ctx.keyFile, recoveryKey: ctx.recoveryKey, env: ctx.env, create });
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
  }
}

function refuseWhileOpen(ctx: CliContext, what: string): void {
  const holder = holderOf(dataFiles(ctx.dataDir).pidFile);
  if (holder !== null) {
    throw new AppError('CONFLICT', 'errors.store.in_use', `close BranchDesk (pid ${holder}) before ${what}`);
  }
}

export async function init(ctx: CliContext): Promise<void> {
  const existed = fs.existsSync(dataFiles(ctx.dataDir).database);
  await withStore(ctx, true, () => Promise.resolve());
  ctx.out({ dataDir: ctx.dataDir, created: !existed }, [existed ? `already initialised: ${ctx.dataDir}` : `initialised ${ctx.dataDir}`]);
}

const staffAddInput = z.object({
  login: loginSchema,
  displayName: displayNameSchema,
  roles: z.array(roleSchema).min(1),
  password: passwordSchema,
});

export async function staffAdd(ctx: CliContext, args: { login?: string; name?: string; roles: string[] }): Promise<void> {
  const password = ctx.env.BRANCHDESK_STAFF_PASSWORD ?? (await ctx.askPassword());
  const parsed = staffAddInput.safeParse({ login: args.login, displayName: args.name, roles: args.roles, password });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message.replace(/^validation\./, '')}`).join('; ');
    throw new AppError('VALIDATION', 'errors.validation', `invalid staff account — ${detail}`);
  }
  const { password: typed, ...account } = parsed.data;
  const credentials = await hashPassword(typed);
  await withStore(ctx, false, async ({ store }) => {
    const staff = await store.db.transaction().execute(async (trx) => {
      const created = await createStaff(trx, ctx.clock, { ...account, credentials });
      // An administrator made here sets the store up as the first-run screen would.
      if (account.roles.includes('admin')) await markSetUp(trx, new Date(ctx.clock.now()).toISOString());
      await appendAudit(trx, ctx.clock, { staffId: null, staffLogin: cliActor(), method: 'admin.staff.add', targetIds: [created.id] });
      return created;
    });
    ctx.out({ staff }, [`added ${staff.login} (${staff.displayName}) with roles ${staff.roles.join(', ')}`]);
  });
}

export async function staffList(ctx: CliContext): Promise<void> {
  await withStore(ctx, false, async ({ store }) => {
    const staff = await listStaff(store.db);
    ctx.out(
      { staff },
      staff.length === 0
        ? ['no staff accounts']
        : staff.map((s) => `${s.login}\t${s.displayName}\t${s.roles.join(',')}${s.disabled ? '\tdisabled' : ''}`),
    );
  });
}

/** Returns false when any check fails, so the CLI exits non-zero. */
export async function verify(ctx: CliContext): Promise<boolean> {
  return withStore(ctx, false, async ({ store }) => {
    const report = await verifyStore(store);
    const lines = [
      'key: ok',
      `integrity: ${report.integrity.join('; ')}`,
      `foreign keys: ${report.foreignKeys === 0 ? 'ok' : `${report.foreignKeys} broken references`}`,
      report.audit.ok
        ? `audit chain: ok (${report.audit.entries} entries)`
        : `audit chain: BROKEN at entry ${report.audit.firstBadSeq} — ${report.audit.problem}`,
    ];
    ctx.out({ ok: report.ok, key: 'ok', integrity: report.integrity, foreignKeys: report.foreignKeys, audit: report.audit }, lines);
    return report.ok;
  });
}

export async function backup(ctx: CliContext, outFile: string | undefined): Promise<void> {
  if (!outFile) throw new AppError('VALIDATION', 'errors.validation', 'backup needs --out FILE');
  await withStore(ctx, false, async ({ store }) => {
    backupTo(store, outFile);
    await store.db
      .transaction()
      .execute((trx) => appendAudit(trx, ctx.clock, { staffId: null, staffLogin: cliActor(), method: 'admin.backup', targetIds: [] }));
  });
  ctx.out({ backup: outFile, bytes: fs.statSync(outFile).size }, [
    `backup written to ${outFile} (encrypted, ${fs.statSync(outFile).size} bytes)`,
  ]);
}

export async function restore(ctx: CliContext, fromFile: string | undefined): Promise<void> {
  if (!fromFile) throw new AppError('VALIDATION', 'errors.validation', 'restore needs --from FILE');
  refuseWhileOpen(ctx, 'restoring');
  const files = dataFiles(ctx.dataDir);
  const key = resolveHeadlessKey(files, headlessKeySource(files, ctx.env, ctx.keyFile, ctx.recoveryKey), false);
  const kept = await restoreFrom(files.database, fromFile, key, new Date(ctx.clock.now()));
  await withStore(ctx, false, async ({ store }) => {
    // The data came back, not the device's place in the sync stream: the next sync settles it (sync/restore.ts).
    await markRestored(store.db, ctx.clock);
    await store.db
      .transaction()
      .execute((trx) => appendAudit(trx, ctx.clock, { staffId: null, staffLogin: cliActor(), method: 'admin.restore', targetIds: [] }));
  });
  ctx.out({ restoredFrom: fromFile, previousKeptAt: kept }, [
    `restored from ${fromFile}; the previous database is kept at ${kept}`,
    'the next sync renumbers changes made from now on above what the hub holds, and brings back this workstation’s own changes made after the backup',
  ]);
}

/**
 * New key, data intact. Passphrase mode needs BRANCHDESK_NEW_PASSPHRASE and takes a new salt; key-file mode
 * writes a new random key. The new material is staged as `.new` and moved in only after the rekey is proven.
 */
export async function rekey(ctx: CliContext): Promise<void> {
  refuseWhileOpen(ctx, 'changing the key');
  const files = dataFiles(ctx.dataDir);
  const source = headlessKeySource(files, ctx.env, ctx.keyFile, ctx.recoveryKey);
  if (source.kind === 'recovery-key') {
    // The desktop app keeps its key in the OS keychain, which this command cannot write: the app would not open.
    throw new AppError('VALIDATION', 'errors.validation', 'a desktop store is not rekeyed from the command line');
  }
  const oldKey = resolveHeadlessKey(files, source, false);
  let newKey: Buffer;
  let commit: () => void;
  if (source.kind === 'passphrase') {
    const next = ctx.env.BRANCHDESK_NEW_PASSPHRASE;
    if (!next) throw new AppError('VALIDATION', 'errors.validation', 'set BRANCHDESK_NEW_PASSPHRASE to the new passphrase');
    const salt = crypto.randomBytes(16);
    newKey = keyFromPassphrase(next, salt);
    fs.writeFileSync(`${files.salt}.new`, salt.toString('hex') + '\n', { mode: 0o600 });
    commit = () => fs.renameSync(`${files.salt}.new`, files.salt);
  } else {
    newKey = generateKey();
    writeKeyFile(`${source.file}.new`, newKey);
    commit = () => fs.renameSync(`${source.file}.new`, source.file);
  }
  rekeyStore(files.database, oldKey, newKey);
  commit();
  const env = source.kind === 'passphrase' ? { ...ctx.env, BRANCHDESK_PASSPHRASE: ctx.env.BRANCHDESK_NEW_PASSPHRASE } : ctx.env;
  await withStore({ ...ctx, env }, false, async ({ store }) => {
    await store.db
      .transaction()
      .execute((trx) => appendAudit(trx, ctx.clock, { staffId: null, staffLogin: cliActor(), method: 'admin.rekey', targetIds: [] }));
  });
  ctx.out({ rekeyed: true, keySource: source.kind }, [
    `the database now opens only with the new ${source.kind === 'passphrase' ? 'passphrase' : 'key file'}`,
  ]);
}

export async function seed(ctx: CliContext, args: { clients: number; seed: number }, signal: AbortSignal): Promise<void> {
  await withStore(ctx, false, async ({ store }) => {
    const report = await seedDemoClients(store, ctx.clock, {
      clients: args.clients,
      seed: args.seed,
      actor: cliActor(),
      signal,
      onProgress: (done, total) => ctx.progress(`seeding ${done} / ${total} clients`),
    });
    ctx.out({ ...report }, [
      `seeded ${report.clients} clients (${report.firstClientNo}…${report.lastClientNo}) in ${report.seconds.toFixed(1)} s`,
    ]);
  });
}

export async function stats(ctx: CliContext): Promise<void> {
  await withStore(ctx, false, ({ store }) => {
    const counts = tableCounts(store.raw);
    ctx.out(
      { tables: counts },
      Object.entries(counts).map(([table, n]) => `${table}\t${n}`),
    );
    return Promise.resolve();
  });
}

/** `import clients FILE [--dry-run]`: the same checks and report as the screen's import. */
export async function importClientsFile(ctx: CliContext, file: string | undefined, dryRun: boolean, signal: AbortSignal): Promise<boolean> {
  if (!file) throw new AppError('VALIDATION', 'errors.validation', 'import needs the file: import clients FILE');
  const bytes = fs.readFileSync(file);
  return withStore(ctx, false, async ({ store }) => {
    const settings = await loadSettings(store.db);
    const report = await importClients(store, ctx.clock, settings, localDate(ctx.clock.now(), settings.timeZone), {
      fileName: file,
      bytes,
      dryRun,
      signal,
      audit: { staffId: null, staffLogin: cliActor(), method: 'admin.import.clients', targetIds: [`file:${file}`] },
      onProgress: (done, total) => ctx.progress(`importing ${done} / ${total} rows`),
    });
    const lines = [
      `${report.rows} rows: ${dryRun ? 'would import' : 'imported'} ${dryRun ? report.rows - report.rejected : report.imported}, rejected ${report.rejected}`,
      ...report.errors.map((e) => `row ${e.row}, ${e.field}: ${e.key.replace(/^import\./, '')}${e.value ? ` (${e.value})` : ''}`),
    ];
    ctx.out({ ...report }, lines);
    return report.rejected === 0;
  });
}

/** `demo status`: how much demo data the store holds. */
export async function demoStatus(ctx: CliContext): Promise<void> {
  await withStore(ctx, false, async ({ store }) => {
    const held = await demoHoldings(store.db);
    ctx.out({ ...held }, [
      held.clients === 0 && held.staff === 0 ? 'no demo data' : `${held.clients} demo clients, ${held.staff} demo staff accounts`,
    ]);
  });
}

/** `demo remove`: every demo row in one transaction (Ctrl-C keeps everything); the workstation may then be enrolled. */
export async function demoRemove(ctx: CliContext, signal: AbortSignal): Promise<void> {
  await withStore(ctx, false, async ({ store }) => {
    const result = await removeDemoData(
      store,
      ctx.clock,
      { staffId: null, staffLogin: cliActor(), method: 'admin.demo.remove' },
      {
        signal,
        progress: (done, total) => ctx.progress(`removing demo data: step ${done} / ${total}`),
      },
    );
    ctx.out({ ...result }, [
      `removed ${result.removed.clients} demo clients and ${result.removed.staff} demo staff accounts (${result.rows} rows in all)`,
    ]);
  });
}

/** `complaints export --from D --to D --format csv|xlsx --out FILE`: the register, as the Reports screen gives it. */
export async function complaintsExport(
  ctx: CliContext,
  args: { from?: string; to?: string; format?: string; out?: string },
  signal: AbortSignal,
): Promise<void> {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const { from, to, format, out } = args;
  if (!from || !to || !day.test(from) || !day.test(to) || (format !== 'csv' && format !== 'xlsx') || !out) {
    throw new AppError(
      'VALIDATION',
      'errors.validation',
      'complaints export needs --from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx --out FILE',
    );
  }
  await withStore(ctx, false, async ({ store }) => {
    const settings = await loadSettings(store.db);
    const file = await exportRegister(store.db, { from, to }, format, localDate(ctx.clock.now(), settings.timeZone), {
      signal,
      progress: (done, total) => ctx.progress(`register ${done} / ${total} cases`),
    });
    // Written whole, then renamed: an interrupted export leaves no half file under the name asked for.
    fs.writeFileSync(`${out}.part`, file.content);
    fs.renameSync(`${out}.part`, out);
    await store.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.clock, {
        staffId: null,
        staffLogin: cliActor(),
        method: 'admin.complaints.export',
        targetIds: [`export:${path.basename(out)}`, `rows:${file.rows}`],
      }),
    );
    ctx.out({ out, rows: file.rows, from, to, format }, [`${file.rows} cases received ${from} to ${to} written to ${out}`]);
  });
}
