import type { Settings } from '../src-shared/contract';
import { type Clock, localDate } from '../src-shared/domain/clock';
import { Sessions } from './auth/sessions';
import { loadSettings } from './settings/service';
import type { Store } from './store/open';

/** What every service needs: the open store, the clock, who is signed in where, the settings in force. */
export interface App {
  store: Store;
  clock: Clock;
  sessions: Sessions;
  settings: Settings;
}

export async function createApp(store: Store, clock: Clock): Promise<App> {
  return { store, clock, sessions: new Sessions(clock), settings: await loadSettings(store.db) };
}

/** Today in the workstation's zone, for every date rule (expiries, ages, deadlines). */
export function todayOf(app: App): string {
  return localDate(app.clock.now(), app.settings.timeZone);
}
