import type { EventName, EventPayloads, Settings } from '../src-shared/contract';
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
  /** Running long jobs by id, each with its channel, so only its own session may cancel it. */
  jobs: Map<string, { channel: string; cancel: AbortController }>;
  /** Sends a contract event to one channel (or every one): set by the transport once it is up. */
  emit: <E extends EventName>(channel: string | null, event: E, payload: EventPayloads[E]) => void;
}

export async function createApp(store: Store, clock: Clock): Promise<App> {
  return {
    store,
    clock,
    sessions: new Sessions(clock),
    settings: await loadSettings(store.db),
    jobs: new Map(),
    emit: () => undefined,
  };
}

/** Today in the workstation's zone, for every date rule (expiries, ages, deadlines). */
export function todayOf(app: App): string {
  return localDate(app.clock.now(), app.settings.timeZone);
}
