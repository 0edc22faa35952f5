import { ipcMain, type IpcMainInvokeEvent, webContents } from 'electron';
import { contract, type Envelope, EVENTS, type EventName, type EventPayloads, type MethodName } from '../../src-shared/contract';
import type { TransportRefusal } from '../audit/refusals';
import type { Router } from '../ipc/router';
import { originOf } from './security';

export interface IpcTransport {
  /** Sends a contract event to one window (its channel) or to every window of the app (null). */
  emit<E extends EventName>(channel: string | null, event: E, payload: EventPayloads[E]): void;
  /** Refuses new calls and waits for those in flight, so the store closes under no transaction. */
  drain(): Promise<void>;
}

/**
 * The Electron transport: one `bd:<method>` invoke channel per contract method, each call checked by `isTrusted`
 * before the router sees it (a refused one is told to `onRefused`, which puts it on the audit log). The channel (session
 * key) is the window's webContents id. No logic of its own.
 */
export function registerIpc(
  router: Router,
  appOrigin: string,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  onRefused: (refusal: TransportRefusal) => void,
): IpcTransport {
  const methods = Object.keys(contract) as MethodName[];
  const inFlight = new Set<Promise<Envelope<unknown>>>();
  let closing = false;

  for (const method of methods) {
    ipcMain.handle(`bd:${method}`, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!isTrusted(event)) {
        const from = event.senderFrame?.url ?? 'a destroyed frame';
        console.error(`BranchDesk: refused ${method} from ${from}`);
        onRefused({ kind: 'untrusted_sender', target: method, from });
        return { ok: false, error: { code: 'FORBIDDEN', key: 'errors.ipc.untrusted_sender', message: 'untrusted sender' } };
      }
      if (closing) {
        return { ok: false, error: { code: 'INTERNAL', key: 'errors.app.closing', message: 'the workstation is closing' } };
      }
      const call = router(String(event.sender.id), method, input);
      inFlight.add(call);
      try {
        return await call;
      } finally {
        inFlight.delete(call);
      }
    });
  }

  return {
    emit(channel, event, payload) {
      if (!(EVENTS as readonly string[]).includes(event)) return;
      const targets = channel === null ? webContents.getAllWebContents() : [webContents.fromId(Number(channel))];
      for (const target of targets) {
        // Only the app's own pages: never a devtools window or a page that got elsewhere.
        if (target && !target.isDestroyed() && originOf(target.getURL()) === appOrigin) {
          target.send(`bd-event:${event}`, payload);
        }
      }
    },
    async drain() {
      closing = true;
      await Promise.allSettled([...inFlight]);
      for (const method of methods) ipcMain.removeHandler(`bd:${method}`);
    },
  };
}
