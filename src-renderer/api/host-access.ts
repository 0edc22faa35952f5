import { useSyncExternalStore } from 'react';

/**
 * Whether the browser host turned this page's token away (HTTP 401). Only the browser transport ever sets it:
 * a page opened without the address the host printed cannot call anything, and should say so plainly.
 */
let rejected = false;
const listeners = new Set<() => void>();

export function markTokenRejected(): void {
  if (rejected) return;
  rejected = true;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTokenRejected(): boolean {
  return useSyncExternalStore(subscribe, () => rejected);
}
