import type { Envelope } from '../../src-shared/contract';
import { createBrowserTransport } from './browser-transport';

/**
 * How calls and events travel. The Electron preload provides exactly this shape as `window.branchdesk`;
 * without it the page is in a plain browser talking to the browser host. Nothing above this file knows which.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

function pickTransport(): Transport {
  const bridge = (window as Window & { branchdesk?: Transport }).branchdesk;
  return bridge ?? createBrowserTransport();
}

export const transport: Transport = pickTransport();
