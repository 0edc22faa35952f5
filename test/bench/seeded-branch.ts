import fs from 'node:fs';
import path from 'node:path';
import type { Staff } from '../../src-shared/contract';
import { systemClock } from '../../src-shared/domain/clock';
import { todayOf } from '../../src-main/app';
import { createStaff } from '../../src-main/auth/staff';
import { seedDemoClients } from '../../src-main/clients/seed/run';
import { generateKey } from '../../src-main/store/key';
import { openStore, type Store } from '../../src-main/store/open';
import { createWorkstation, type Workstation } from '../../src-main/workstation';

export interface SeededBranchOptions {
  clients: number;
  seed: number;
  workDir: string;
  /** The database file's name in the work dir (one per bench, so two benches never share a file). */
  fileName: string;
  log: (message: string) => void;
}

export interface SeededBranch {
  store: Store;
  workstation: Workstation;
  today: string;
  /** The branch manager whose home screen and worklist are timed (sees the whole branch). */
  manager: Staff;
  seedSeconds: number;
  /** The first start's daily pass over the freshly seeded archive: every client's reminders, then the tier figures. */
  firstPassSeconds: number;
  databaseMb: () => number;
  /** Stops the workstation, closes the store and removes the files. */
  close: () => Promise<void>;
}

/**
 * An encrypted store holding N demo clients (with the demo complaints, events and surveys the seed makes), reopened as
 * a workstation starts in the morning, with the daily pass run once so the stored reminders and the tier figures
 * exist — what the worklist, the home screen and the reports read.
 */
export async function seededBranch(options: SeededBranchOptions): Promise<SeededBranch> {
  fs.mkdirSync(options.workDir, { recursive: true });
  const file = path.join(options.workDir, options.fileName);
  const files = [file, `${file}-wal`, `${file}-shm`];
  for (const f of files) fs.rmSync(f, { force: true });
  const key = generateKey();
  const seeding = await openStore({ path: file, key, create: true });
  options.log(`seeding ${options.clients} clients…`);
  const seeded = await seedDemoClients(seeding, systemClock, {
    clients: options.clients,
    seed: options.seed,
    actor: 'bench',
    onProgress: (done, total) => {
      if (done % 20_000 === 0) options.log(`  ${done} / ${total}`);
    },
  });
  await seeding.close();

  // Reopened as a workstation starts in the morning: the page cache is sized to the database at open.
  const store = await openStore({ path: file, key });
  const workstation = await createWorkstation(store, systemClock, { log: () => undefined });
  const { app } = workstation;
  // No password: nobody signs in as the manager here (the services are called with the staff member directly).
  const manager = await store.db
    .transaction()
    .execute((trx) => createStaff(trx, systemClock, { login: 'wang.jg', displayName: '王建国', roles: ['manager'], credentials: null }));

  options.log('the first daily pass (reminders, then the tier figures)…');
  const t0 = performance.now();
  await app.reminders.run();
  const firstPassSeconds = (performance.now() - t0) / 1000;

  return {
    store,
    workstation,
    today: todayOf(app),
    manager,
    seedSeconds: seeded.seconds,
    firstPassSeconds,
    databaseMb: () => Math.round(fs.statSync(file).size / 1e5) / 10,
    close: async () => {
      await workstation.stop();
      await store.close();
      for (const f of files) fs.rmSync(f, { force: true });
    },
  };
}
