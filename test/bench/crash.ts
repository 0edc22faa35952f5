import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src-shared/domain/clock';
import { openHubDb } from '../../src-hub/db';
import { startHubServer } from '../../src-hub/server';
import { verifyAuditChain } from '../../src-main/audit/log';
import { Rng } from '../../src-main/clients/seed/random';
import { dataFiles } from '../../src-main/store/data-dir';
import { generateKey, readKeyFile, writeKeyFile } from '../../src-main/store/key';
import { openStore, type Store } from '../../src-main/store/open';
import { deviceIdentity } from '../../src-main/sync/state';
import { createWorkstation } from '../../src-main/workstation';
import { hubTestKey, masterClients } from '../fixtures/hub';
import { ADMIN_LOGIN, ADMIN_PASSWORD, BRANCH, KEY_FILE } from './crash-setup';
import { percentiles } from './stats';

export interface CrashOptions {
  runs: number;
  seed: number;
  /** Longest wait after the writer is ready before the kill, ms (drawn uniformly from 0 to it). */
  maxKillAfterMs: number;
  workDir?: string;
  log: (message: string) => void;
}

export interface CrashReport {
  runs: number;
  integrity_failures: number;
  lost_acknowledged: number;
  audit_breaks: number;
  /** Acknowledged changes neither waiting in the outbox nor held by the hub, and outbox entries without their row. */
  outbox_breaks: number;
  /** Writes the writer had acknowledged over all runs, every one checked after every kill. */
  acknowledged: number;
  /** Refusals the writer met (a reminder acted on twice …): not failures, counted by kind to show the mix was real. */
  writer_refusals: Record<string, number>;
  seconds: number;
  run_ms: { p50: number; p95: number };
}

interface Acks {
  contact: string[];
  import: string[];
  reminder: string[];
  sync: number;
}

const WRITER = path.join(import.meta.dirname, 'crash-writer.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Issue 8's crash harness: a writer process (crash-writer.ts) works an encrypted store — contacts, imports, reminder
 * actions, syncs pulling head office's pages from a real hub on loopback — and is killed with SIGKILL at a random
 * moment, again and again. After every kill the store is reopened and checked: SQLite's integrity check and foreign
 * keys; every write the writer acknowledged, in every run so far, still there; each of those changes either waiting
 * in the outbox or held by the hub, and no outbox entry without its row; the audit hash chain whole.
 */
export async function crashHarness(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(options.workDir ?? os.tmpdir(), 'branchdesk-crash-'));
  const hub = await openHubDb({ dataDir: path.join(dir, 'hub'), key: hubTestKey(path.join(dir, 'hub')).key });
  const server = await startHubServer({ hub, clock: systemClock, port: 0 });
  const report: CrashReport = {
    runs: 0,
    integrity_failures: 0,
    lost_acknowledged: 0,
    audit_breaks: 0,
    outbox_breaks: 0,
    acknowledged: 0,
    writer_refusals: {},
    seconds: 0,
    run_ms: { p50: 0, p95: 0 },
  };
  const acks: Acks = { contact: [], import: [], reminder: [], sync: 0 };
  const runTimes: number[] = [];
  try {
    const deviceId = await prepare(dir, server.url, server.service);
    const rng = new Rng(options.seed);
    for (let run = 1; run <= options.runs; run++) {
      const runStarted = performance.now();
      // Head office sends more every time, so every sync has pages to pull.
      const names = Array.from({ length: 30 }, (_, i) => `总行${run}-${i}`);
      await server.service.appendMasterData(BRANCH, masterClients(systemClock, BRANCH, names).changes);
      const killAfter = Math.round(rng.next() * options.maxKillAfterMs);
      const outcome = await runWriter(dir, options.seed * 10_000 + run, killAfter);
      for (const [kind, n] of Object.entries(outcome.refusals)) report.writer_refusals[kind] = (report.writer_refusals[kind] ?? 0) + n;
      acks.contact.push(...outcome.acks.contact);
      acks.import.push(...outcome.acks.import);
      acks.reminder.push(...outcome.acks.reminder);
      acks.sync = Math.max(acks.sync, outcome.acks.sync);
      const held = new Set(
        (await hub.db.selectFrom('hub_changes').select('row_id').where('origin', '=', deviceId).execute()).map((r) => r.row_id),
      );
      const check = await checkStore(dir, acks, held);
      report.runs = run;
      report.integrity_failures += check.integrity ? 0 : 1;
      report.audit_breaks += check.audit ? 0 : 1;
      report.lost_acknowledged += check.lost;
      report.outbox_breaks += check.outboxBreaks;
      runTimes.push(performance.now() - runStarted);
      if (run % 10 === 0 || run === options.runs) {
        options.log(
          `run ${run}/${options.runs}: ${acks.contact.length + acks.import.length + acks.reminder.length} writes acknowledged so far`,
        );
      }
      if (!check.integrity || !check.audit || check.lost > 0 || check.outboxBreaks > 0)
        options.log(`run ${run}: ${check.detail.join('; ')}`);
    }
  } finally {
    await server.close();
    await hub.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.acknowledged = acks.contact.length + acks.import.length + acks.reminder.length;
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  const { p50_ms, p95_ms } = percentiles(runTimes);
  report.run_ms = { p50: Math.round(p50_ms), p95: Math.round(p95_ms) };
  return report;
}

/** The workstation the writer works: a key file, an administrator, enrolled with the hub and synced once. */
async function prepare(dir: string, hubUrl: string, hub: Awaited<ReturnType<typeof startHubServer>>['service']): Promise<string> {
  const key = generateKey();
  writeKeyFile(path.join(dir, KEY_FILE), key);
  const store = await openStore({ path: dataFiles(dir).database, key, create: true });
  const ws = await createWorkstation(store, systemClock, { log: () => undefined });
  const setup = await ws.router('setup', 'auth.setupFirstAdmin', { login: ADMIN_LOGIN, displayName: '王建国', password: ADMIN_PASSWORD });
  if (!setup.ok) throw new Error(setup.error.message);
  await hub.appendMasterData(BRANCH, masterClients(systemClock, BRANCH, ['张建国', '单雪梅', '曾乐', '欧阳修文']).changes);
  await ws.app.sync.enroll(hubUrl, (await hub.createEnrollmentCode(BRANCH)).code);
  await ws.app.sync.syncNow();
  const { deviceId } = await store.db.transaction().execute((trx) => deviceIdentity(trx, systemClock));
  await ws.stop();
  await store.close();
  return deviceId;
}

/** Starts the writer, waits until it is working, lets it work `killAfterMs`, and kills it. */
function runWriter(dir: string, seed: number, killAfterMs: number): Promise<{ acks: Acks; refusals: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Acks = { contact: [], import: [], reminder: [], sync: 0 };
    const refusals: Record<string, number> = {};
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as { ready?: true; ack?: keyof Acks; value?: unknown; error?: string };
        if (message.ready && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (message.error) {
          const kind = message.error.split(' ').slice(0, 2).join(' ');
          refusals[kind] = (refusals[kind] ?? 0) + 1;
        } else if (message.ack === 'sync') acks.sync = Math.max(acks.sync, Number(message.value));
        else if (message.ack === 'import') acks.import.push(...(message.value as string[]));
        else if (message.ack === 'contact' || message.ack === 'reminder') acks[message.ack].push(String(message.value));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped on its own (${code}): ${stderr.slice(-2000)}`));
      else resolve({ acks, refusals });
    });
  });
}

async function checkStore(
  dir: string,
  acks: Acks,
  atHub: Set<string>,
): Promise<{ integrity: boolean; audit: boolean; lost: number; outboxBreaks: number; detail: string[] }> {
  const files = dataFiles(dir);
  let store: Store;
  try {
    store = await openStore({ path: files.database, key: readKeyFile(path.join(dir, KEY_FILE)) });
  } catch (error) {
    return { integrity: false, audit: false, lost: 0, outboxBreaks: 0, detail: [`cannot open: ${String(error)}`] };
  }
  const detail: string[] = [];
  try {
    const raw = store.raw;
    const integrity =
      raw.pragma('integrity_check', { simple: true }) === 'ok' && (raw.pragma('foreign_key_check') as unknown[]).length === 0;
    if (!integrity) detail.push('integrity_check or foreign_key_check failed');
    const has = (sql: string) => {
      const stmt = raw.prepare(sql);
      return (value: string) => stmt.get(value) !== undefined;
    };
    const contact = has('SELECT 1 FROM contacts WHERE id = ?');
    const client = has('SELECT 1 FROM clients WHERE client_no = ?');
    const reminder = has('SELECT 1 FROM reminder_actions WHERE id = ?');
    const outboxed = has('SELECT 1 FROM outbox WHERE row_id = ?');
    const clientId = raw.prepare('SELECT id FROM clients WHERE client_no = ?').pluck();
    let lost = 0;
    let outboxBreaks = 0;
    const expectRow = (present: boolean, what: string) => {
      if (!present) {
        lost++;
        detail.push(`lost ${what}`);
      }
    };
    const expectSent = (rowId: string, what: string) => {
      if (!outboxed(rowId) && !atHub.has(rowId)) {
        outboxBreaks++;
        detail.push(`${what} neither in the outbox nor at the hub`);
      }
    };
    for (const id of acks.contact) {
      expectRow(contact(id), `contact ${id}`);
      expectSent(id, `contact ${id}`);
    }
    for (const no of acks.import) {
      expectRow(client(no), `imported client ${no}`);
      const id = clientId.get(no) as string | undefined;
      if (id) expectSent(id, `imported client ${no}`);
    }
    for (const id of acks.reminder) {
      expectRow(reminder(id), `reminder action ${id}`);
      expectSent(id, `reminder action ${id}`);
    }
    const cursor = Number(
      (raw.prepare("SELECT value FROM device_state WHERE key = 'sync_cursor'").pluck().get() as string | undefined) ?? 0,
    );
    expectRow(cursor >= acks.sync, `sync cursor ${acks.sync} (found ${cursor})`);
    // Every outbox entry names a row that exists: a change record never outlives (or precedes) its write.
    for (const table of raw.prepare('SELECT DISTINCT table_name FROM outbox').pluck().all() as string[]) {
      const orphans = raw
        .prepare(`SELECT count(*) FROM outbox o WHERE o.table_name = ? AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.id = o.row_id)`)
        .pluck()
        .get(table) as number;
      if (orphans > 0) {
        outboxBreaks += orphans;
        detail.push(`${orphans} ${table} outbox entries without their row`);
      }
    }
    const chain = await verifyAuditChain(store.db);
    if (!chain.ok) detail.push(`audit chain: ${chain.problem ?? ''}`);
    return { integrity, audit: chain.ok, lost, outboxBreaks, detail };
  } finally {
    await store.close();
  }
}
