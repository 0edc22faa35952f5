import type { AppCore } from '../app';
import { recordSecurityEvent } from './security';

/** A call the transport refused before the router saw it: who it claimed to be and what it asked for. */
export interface TransportRefusal {
  /** untrusted_sender: an IPC call from a frame that is not the app; wrong_host / wrong_origin / wrong_token: the browser host's doors. */
  kind: 'untrusted_sender' | 'wrong_host' | 'wrong_origin' | 'wrong_token';
  /** The method or path asked for. */
  target: string;
  /** The frame URL, Origin or Host it came from, as given (cut short). */
  from: string;
}

/** At most one audit line per kind of refusal in this window; the ones in between are counted on the next line. */
const WINDOW_MS = 60_000;

/**
 * Puts transport refusals on the audit log (issue 9), without letting a flood of them fill it: the first of each
 * kind is written at once, later ones at most once a minute, each line saying how many were refused since the last.
 * Writing is in the background; a refusal never waits for the store, and a failed write is reported, not thrown.
 */
export function transportRefusalRecorder(app: AppCore, windowMs = WINDOW_MS): (refusal: TransportRefusal) => void {
  const last = new Map<TransportRefusal['kind'], { at: number; unwritten: number }>();
  return (refusal) => {
    const now = app.clock.now();
    const seen = last.get(refusal.kind);
    if (seen && now - seen.at < windowMs) {
      seen.unwritten++;
      return;
    }
    const since = seen?.unwritten ?? 0;
    last.set(refusal.kind, { at: now, unwritten: 0 });
    const reason = `${refusal.kind}: ${refusal.target.slice(0, 120)} from ${refusal.from.slice(0, 200) || 'unknown'}${
      since > 0 ? ` (+${since} more refused since the last line)` : ''
    }`;
    recordSecurityEvent(app, { method: 'security.untrusted_sender', targetIds: [], reason }).catch((err: unknown) =>
      console.error('BranchDesk: could not record a refused call', err),
    );
  };
}
