import type { Clock } from '../src-shared/domain/clock';
import type { App, AppCore } from './app';
import { verifyAuditChain } from './audit/log';
import { Sessions } from './auth/sessions';
import { passwordHasher } from './auth/password';
import { handlers } from './ipc/handlers';
import type { ScryptParams } from '../src-shared/domain/password-hash';
import { createRouter, type Router } from './ipc/router';
import { DailyReminders } from './reminders/daily';
import { loadSettings } from './settings/service';
import type { Store } from './store/open';
import { SyncService, type SyncOptions } from './sync/service';

export interface WorkstationOptions {
  sync?: Partial<SyncOptions>;
  /** Where the router logs unexpected errors (their stacks never cross the boundary). */
  log?: (message: string) => void;
  /** scrypt's cost for staff passwords: the production one unless a test asks for less. */
  passwordCost?: ScryptParams;
}

export interface Workstation {
  app: App;
  /** The one path every renderer request takes, whichever transport brings it. */
  router: Router;
  /** Starts the background work: automatic sync, the daily reminders pass. */
  start(): void;
  /** Stops it and waits for what is running (a sync, a pass) to settle. */
  stop(): Promise<void>;
}

/**
 * The workstation as one piece, for every host of it — the Electron main process, the browser host, the admin
 * CLI's sync commands and the test fixtures: the settings in force, the sessions, the sync service and the daily
 * reminders pass over one open store, and the handler table behind one router. Nothing is registered anywhere else.
 */
export async function createWorkstation(store: Store, clock: Clock, options: WorkstationOptions = {}): Promise<Workstation> {
  const core: AppCore = {
    store,
    clock,
    sessions: new Sessions(clock),
    settings: await loadSettings(store.db),
    passwords: passwordHasher(options.passwordCost),
    jobs: new Map(),
    // The transport, made after the router, sets how events reach the renderer (`app.emit = …`).
    emit: () => undefined,
  };
  const app: App = Object.assign(core, { sync: new SyncService(core, options.sync), reminders: new DailyReminders(core) });
  // Balances and clients a sync brought change the branch's tier figures (reports/tier-months.ts).
  app.sync.onPulled = () => void app.reminders.refreshFigures().catch((error: unknown) => console.error('BranchDesk: figures', error));
  // The audit chain is verified at every start (issue 9); a broken one is said in the log here, and on screen to the
  // managers and administrators who sign in (the shell asks `audit.verify`).
  const audit = await verifyAuditChain(store.db);
  if (!audit.ok) (options.log ?? console.error)(`BranchDesk: the audit log is broken at entry ${audit.firstBadSeq}: ${audit.problem}`);
  return {
    app,
    router: createRouter(app, handlers, options.log),
    start() {
      app.sync.start();
      app.reminders.start();
    },
    async stop() {
      app.sync.stop();
      app.reminders.stop();
      await Promise.all([app.sync.settled(), app.reminders.settled()]);
    },
  };
}
