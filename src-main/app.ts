import type { EventName, EventPayloads, Settings } from '../src-shared/contract';
import { type Clock, localDate } from '../src-shared/domain/clock';
import type { Sessions } from './auth/sessions';
import type { DailyReminders } from './reminders/daily';
import type { PasswordHasher } from './auth/password';
import type { Store } from './store/open';
import type { SyncService } from './sync/service';

/** What every service needs: the open store, the clock, who is signed in where, the settings in force. */
export interface AppCore {
  store: Store;
  clock: Clock;
  sessions: Sessions;
  settings: Settings;
  /** Hashes and checks staff passwords (scrypt off the main thread). */
  passwords: PasswordHasher;
  /** Running long jobs by id, each with its channel, so only its own session may cancel it. */
  jobs: Map<string, { channel: string; cancel: AbortController }>;
  /** Sends a contract event to one channel (or every one), through whichever transport is up. */
  emit: <E extends EventName>(channel: string | null, event: E, payload: EventPayloads[E]) => void;
}

/** The core and the workstation's background services, made once by `createWorkstation` (workstation.ts). */
export interface App extends AppCore {
  sync: SyncService;
  reminders: DailyReminders;
}

/** Today in the workstation's zone, for every date rule (expiries, ages, deadlines). */
export function todayOf(app: AppCore): string {
  return localDate(app.clock.now(), app.settings.timeZone);
}
