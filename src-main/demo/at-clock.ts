import type { Settings } from '../../src-shared/contract';
import type { Clock } from '../../src-shared/domain/clock';
import type { AppCore } from '../app';
import { passwordHasher } from '../auth/password';
import { Sessions } from '../auth/sessions';
import type { Store } from '../store/open';

/** A clock standing at a given moment: each demo step is taken when it would have been. */
export class AtClock implements Clock {
  constructor(public at: number) {}
  now(): number {
    return this.at;
  }
}

/** The services a demo seeder takes the real workflow through (intake, steps, invitations), on a clock it moves. */
export function demoCore(store: Store, settings: Settings, at: AtClock): AppCore {
  return { store, clock: at, sessions: new Sessions(at), settings, passwords: passwordHasher(), jobs: new Map(), emit: () => undefined };
}
