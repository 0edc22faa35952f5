import fs from 'node:fs';
import { AppError } from '../../src-shared/contract/errors';

/** The pid of a live process holding the data folder, or null. */
export function holderOf(pidFile: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: alive but another user's; ESRCH: gone (a crash left the file behind).
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Marks the data folder as open by this process; one app (desktop or browser host) per folder. */
export function acquirePidLock(pidFile: string): () => void {
  const holder = holderOf(pidFile);
  if (holder !== null && holder !== process.pid) {
    throw new AppError('CONFLICT', 'errors.store.in_use', `the data folder is open in another BranchDesk process (pid ${holder})`, {
      params: { pid: holder },
    });
  }
  fs.writeFileSync(pidFile, String(process.pid));
  return () => {
    if (holderOf(pidFile) === process.pid) fs.rmSync(pidFile, { force: true });
  };
}
