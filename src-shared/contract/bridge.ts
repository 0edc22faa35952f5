import type { Envelope } from './errors';
import type { EventName } from './index';

/**
 * What the Electron preload exposes as `window.branchdesk` (and what the browser host's client imitates).
 * `invoke` never rejects: every failure, the transport's included, comes back as an `{ ok: false }` envelope.
 */
export interface BranchdeskBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to one contract event; returns the unsubscribe function. */
  on(event: EventName, cb: (payload: unknown) => void): () => void;
}
